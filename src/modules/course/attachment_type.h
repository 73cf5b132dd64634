// What a module attachment may be: a few document and image types, each recognised from its
// first bytes (and for Office files from the parts their ZIP names), so that a file sent as a
// PDF is one. Pure.
#ifndef BSG_MODULES_COURSE_ATTACHMENT_TYPE_H_
#define BSG_MODULES_COURSE_ATTACHMENT_TYPE_H_

#include <optional>
#include <string>
#include <string_view>

namespace bsg::course {

// The content types an attachment may have, as sent in Content-Type (parameters dropped,
// lowercased), e.g. "application/pdf"; the list for error messages.
bool AllowedAttachmentType(std::string_view content_type);
std::string AllowedAttachmentTypes();

// Whether `content` is a file of `content_type` (one of the allowed ones): PDF "%PDF-", PNG
// and JPEG signatures, DOCX/XLSX/PPTX a ZIP naming word/, xl/ or ppt/ parts, text/plain valid
// UTF-8 without control characters other than tab and line breaks.
bool ContentMatchesType(std::string_view content_type, std::string_view content);

// The file name as stored and offered on download: the last path segment, trimmed; nullopt
// when empty, longer than 200 bytes, not UTF-8 or holding control characters.
std::optional<std::string> CleanFileName(std::string_view name);

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_ATTACHMENT_TYPE_H_
