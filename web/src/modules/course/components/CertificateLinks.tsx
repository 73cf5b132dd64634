// A certificate's links: its public verification page, the PDF to print, and the signed
// credential (Open Badges 3.0, VC-JWT) to download and keep in a wallet.

import { useI18n } from '../../../platform/i18n';
import { Link } from '../../../platform/router';
import { certificatePath, certificatePdfHref, credentialFileName, credentialHref } from '../api';
import type { Certificate } from '../types';

export function CertificateLinks({ certificate }: { certificate: Certificate }) {
  const { t } = useI18n();
  return (
    <span class="actions">
      <Link href={certificatePath(certificate.code)} data-testid="certificate-verify-link">
        {t('course.certificate.verify')}
      </Link>
      {certificate.status === 'valid' && (
        <a href={certificatePdfHref(certificate.code)} data-testid="certificate-pdf-link">
          {t('course.certificate.pdf')}
        </a>
      )}
      <a
        href={credentialHref(certificate.code)}
        download={credentialFileName(certificate.code)}
        data-testid="certificate-credential-link"
      >
        {t('course.certificate.download')}
      </a>
    </span>
  );
}
