// The certificate of completion as a printable PDF: one A4 landscape page (842 x 595 pt) with the
// issuer, the title, the learner's name, the course, the score and date, and a QR code of the
// verification URL so that a paper copy can be checked against the server.
//
// All wording arrives already translated; this file only lays it out. Names and titles may be in
// any script: pango shapes them (Arabic right to left, Chinese) with the Noto fonts, falling back
// from "Noto Sans" to "Noto Sans Arabic" and "Noto Sans CJK SC" glyph by glyph. Fonts are
// embedded (subset) so the page prints the same everywhere.
//
// Long names and course titles shrink step by step until they fit in two lines across the page;
// at the smallest size they wrap onto more lines, and text that would still run into the footer is
// cut with an ellipsis rather than drawn over the QR code.
//
// Thread-safety: CertificatePdf is thread-safe (each call owns its cairo surface and pango layouts;
// pango's default font map is per thread).
#ifndef BSG_MODULES_COURSE_CERTIFICATE_PDF_H_
#define BSG_MODULES_COURSE_CERTIFICATE_PDF_H_

#include <optional>
#include <string>

#include "platform/status.h"

namespace bsg::course {

struct CertificatePdfFacts {
  std::string issuer_name;   // "ITU Telecommunication Standardization Bureau (TSB)"
  std::string title;         // "Certificate of completion", in the learner's language
  std::string learner_name;  // as registered, in any script
  // A Latin transliteration, printed smaller under the name when given and different from it.
  std::optional<std::string> learner_name_latin;
  std::string completed_text;  // "has completed the e-learning course"
  std::string course_title;
  std::string score_text;    // "with a score of 85.00% in the final assessment"
  std::string date_text;     // "Issued on 12 March 2020"
  std::string code;          // verification code, "K7QX2M9PRT"
  std::string verify_label;  // "Verify at"
  std::string verify_url;    // "https://bsg.example.org/certificates/K7QX2M9PRT"
};

// Renders the certificate and returns the PDF bytes.
// Errors: InvalidArgument (certificate.invalid_utf8) when a text is not valid UTF-8,
// InvalidArgument (certificate.empty_verify_url) when there is no URL to encode, Internal
// (certificate.qr_failed, certificate.render_failed) when libqrencode or cairo fails.
Result<std::string> CertificatePdf(const CertificatePdfFacts& facts);

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_CERTIFICATE_PDF_H_
