// The bad cells of a refused import (CSV or XLSX), as the server lists them: one row per cell
// with its row number, column, reason and value.

import { useI18n } from './i18n';

// One bad cell, as in the import endpoints' `errors`.
export interface CellError {
  row: number;
  column: string;
  reason: string;
  value: string;
}

export function CellErrorsTable({ errors, testId }: { errors: readonly CellError[]; testId?: string }) {
  const { t } = useI18n();
  return (
    <div class="table-wrap">
      <table class="table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('common.cellErrors.row')}</th>
            <th scope="col">{t('common.cellErrors.column')}</th>
            <th scope="col">{t('common.cellErrors.reason')}</th>
            <th scope="col">{t('common.cellErrors.value')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td>{e.row}</td>
              <td>
                <code dir="ltr">{e.column}</code>
              </td>
              <td lang="en">{e.reason}</td>
              <td>
                <bdi>{e.value}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
