// One table of the report as data: caption, headers, rows (cells with provenance on focus) and
// footnotes.

import { useI18n } from '../../../platform/i18n';
import type { TableBlock } from '../types';
import { Provenance } from './Provenance';

export function TableView({ table }: { table: TableBlock }) {
  const { t } = useI18n();
  return (
    <div class="table-wrap" data-testid={`table-${table.id}`}>
      <table class="table">
        <caption>
          {t('reports.table', { number: table.number })}: {table.caption}
        </caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th scope="col" key={c.header} class={`report-align-${c.align}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c} class={`report-align-${table.columns[c]?.align ?? 'start'}`}>
                  {cell.provenance ? <Provenance provenance={cell.provenance}>{cell.text}</Provenance> : cell.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.footnotes.length > 0 && (
        <ul class="report-footnotes">
          {table.footnotes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
