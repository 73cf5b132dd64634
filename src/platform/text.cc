// See text.h.
#include "platform/text.h"

#include <cctype>
#include <cstdint>

namespace bsg {
namespace {

// Latin-1 Supplement and Latin Extended-A letters, U+00C0..U+017F, folded.
constexpr const char* kFold[] = {
    "a", "a", "a",  "a",  "a", "a", "ae", "c",  "e",  "e", "e", "e", "i",  "i",  "i", "i", "d", "n",
    "o", "o", "o",  "o",  "o", "x", "o",  "u",  "u",  "u", "u", "y", "th", "ss", "a", "a", "a", "a",
    "a", "a", "ae", "c",  "e", "e", "e",  "e",  "i",  "i", "i", "i", "d",  "n",  "o", "o", "o", "o",
    "o", "/", "o",  "u",  "u", "u", "u",  "y",  "th", "y", "a", "a", "a",  "a",  "a", "a", "c", "c",
    "c", "c", "c",  "c",  "c", "c", "d",  "d",  "d",  "d", "e", "e", "e",  "e",  "e", "e", "e", "e",
    "e", "e", "g",  "g",  "g", "g", "g",  "g",  "g",  "g", "h", "h", "h",  "h",  "i", "i", "i", "i",
    "i", "i", "i",  "i",  "i", "i", "ij", "ij", "j",  "j", "k", "k", "q",  "l",  "l", "l", "l", "l",
    "l", "l", "l",  "l",  "l", "n", "n",  "n",  "n",  "n", "n", "n", "n",  "n",  "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r",  "r",  "r",  "r", "s", "s", "s",  "s",  "s", "s", "s", "s",
    "t", "t", "t",  "t",  "t", "t", "u",  "u",  "u",  "u", "u", "u", "u",  "u",  "u", "u", "u", "u",
    "w", "w", "y",  "y",  "y", "z", "z",  "z",  "z",  "z", "z", "s",
};
static_assert(sizeof(kFold) / sizeof(kFold[0]) == 0x180 - 0xC0);

bool IsFoldSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x3000;
}

bool IsCombiningMark(char32_t cp) { return cp >= 0x300 && cp <= 0x36F; }

}  // namespace

std::string_view TrimSpace(std::string_view s) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::optional<char32_t> DecodeUtf8(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<std::uint8_t>(text[pos]);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  std::size_t extra = 0;
  char32_t cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    extra = 1;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    cp = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    extra = 3;
    cp = lead & 0x07;
  } else {  // a continuation byte, C0/C1 (always overlong) or F5..FF
    ++pos;
    return std::nullopt;
  }
  if (text.size() - pos <= extra) {
    ++pos;
    return std::nullopt;
  }
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto c = static_cast<std::uint8_t>(text[pos + k]);
    if ((c & 0xC0) != 0x80) {
      ++pos;
      return std::nullopt;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return std::nullopt;
  }
  pos += extra + 1;
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsValidUtf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (!DecodeUtf8(text, pos)) return false;
  }
  return true;
}

std::string ReplaceInvalidUtf8(std::string_view text) {
  if (IsValidUtf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    if (DecodeUtf8(text, pos)) {
      out.append(text.substr(start, pos - start));
    } else {
      AppendUtf8(out, 0xFFFD);
    }
  }
  return out;
}

std::optional<std::string> ValidateText(std::string_view text, bool allow_newlines) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::optional<char32_t> cp = DecodeUtf8(text, pos);
    if (!cp) return std::string("must be valid UTF-8 text");
    if (*cp == '\t') continue;
    if (*cp == '\n' || *cp == '\r') {
      if (allow_newlines) continue;
      return std::string("must be a single line (no line breaks)");
    }
    if (*cp < 0x20 || (*cp >= 0x7F && *cp <= 0x9F)) {
      return std::string("must not contain control characters");
    }
  }
  return std::nullopt;
}

std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto cp = DecodeUtf8(text, pos);
    if (!cp) continue;
    if (IsFoldSpace(*cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (IsCombiningMark(*cp)) continue;
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    if (*cp < 0x80) {
      out += static_cast<char>(std::tolower(static_cast<int>(*cp)));
    } else if (*cp >= 0xC0 && *cp < 0x180) {
      out += kFold[*cp - 0xC0];
    } else if (*cp == 0x2018 || *cp == 0x2019 || *cp == 0x02BC) {
      out += '\'';
    } else if (*cp >= 0x2010 && *cp <= 0x2015) {
      out += '-';
    } else {
      AppendUtf8(out, *cp);
    }
  }
  return out;
}

std::string MatchKey(std::string_view text) {
  std::string out;
  for (char c : Fold(text)) {
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      out += c;
    }
  }
  return out;
}

std::string LikePattern(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 4);
  out += '%';
  for (char c : text) {
    if (c == '%' || c == '_' || c == kLikeEscape) out += kLikeEscape;
    out += c;
  }
  out += '%';
  return out;
}

}  // namespace bsg
