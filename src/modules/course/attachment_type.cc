#include "modules/course/attachment_type.h"

#include <array>

#include "platform/text.h"

namespace bsg::course {
namespace {

struct Kind {
  std::string_view type;
  std::string_view zip_part;  // for Office files: a part every such file has
};

constexpr std::array<Kind, 7> kKinds = {{
    {"application/pdf", ""},
    {"image/png", ""},
    {"image/jpeg", ""},
    {"text/plain", ""},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "ppt/"},
}};

}  // namespace

bool AllowedAttachmentType(std::string_view content_type) {
  for (const Kind& k : kKinds) {
    if (k.type == content_type) return true;
  }
  return false;
}

std::string AllowedAttachmentTypes() {
  std::string out;
  for (const Kind& k : kKinds) out += (out.empty() ? "" : ", ") + std::string(k.type);
  return out;
}

bool ContentMatchesType(std::string_view content_type, std::string_view content) {
  if (content_type == "application/pdf") return content.starts_with("%PDF-");
  if (content_type == "image/png") return content.starts_with("\x89PNG\r\n\x1a\n");
  if (content_type == "image/jpeg") return content.starts_with("\xFF\xD8\xFF");
  if (content_type == "text/plain") return ValidateText(content, true) == std::nullopt;
  for (const Kind& k : kKinds) {
    if (k.type != content_type || k.zip_part.empty()) continue;
    // A ZIP's entry names are stored as plain text in its local headers and central directory.
    return content.starts_with("PK\x03\x04") &&
           content.find("[Content_Types].xml") != std::string_view::npos &&
           content.find(k.zip_part) != std::string_view::npos;
  }
  return false;
}

std::optional<std::string> CleanFileName(std::string_view name) {
  const std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string trimmed = Trimmed(std::string(name));
  if (trimmed.empty() || trimmed.size() > 200 || trimmed == "." || trimmed == "..") {
    return std::nullopt;
  }
  if (ValidateText(trimmed, false)) return std::nullopt;  // an error message: not clean text
  return trimmed;
}

}  // namespace bsg::course
