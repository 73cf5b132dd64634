// Small text helpers shared by the platform and the modules.
#ifndef BSG_PLATFORM_TEXT_H_
#define BSG_PLATFORM_TEXT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bsg {

// `s` without leading and trailing white space (std::isspace in the C locale: space, tab, CR,
// LF, VT, FF). Input fields are trimmed with it before they are checked.
std::string_view TrimSpace(std::string_view s);
// The same as a new string.
inline std::string Trimmed(std::string_view s) { return std::string(TrimSpace(s)); }

// `s` with the ASCII letters A-Z lowercased; every other byte unchanged.
std::string AsciiLower(std::string_view s);

// ---- UTF-8
//
// One strict decoder (RFC 3629) for every reader of UTF-8 text. Invalid: a byte that cannot
// start a sequence (0x80..0xC1, 0xF5..0xFF), a truncated sequence, an overlong form ("\xC0\xAF"
// for '/'), a surrogate (U+D800..U+DFFF) and anything above U+10FFFF.

// Decodes the code point starting at `text[pos]` and advances `pos` past it. For an invalid
// sequence returns nullopt and advances `pos` by one byte, so that a caller skipping or
// replacing bad input resynchronizes on the next byte. `pos` must be < text.size().
std::optional<char32_t> DecodeUtf8(std::string_view text, std::size_t& pos);
// Appends `cp` (a Unicode scalar value: not a surrogate, at most U+10FFFF) as UTF-8.
void AppendUtf8(std::string& out, char32_t cp);
// Whether `text` is entirely valid UTF-8.
bool IsValidUtf8(std::string_view text);
// `text` with each byte of an invalid sequence replaced by U+FFFD (the replacement glib's
// g_utf8_make_valid makes); valid text is returned unchanged.
std::string ReplaceInvalidUtf8(std::string_view text);

// ---- the text rule of every input field
//
// Whether `text` may be stored in a text field: valid UTF-8 with no control character other
// than tab, and line feed and carriage return only where `allow_newlines` (multi-line fields
// such as a description or a note). Refused: the other C0 controls (NUL included), DEL and the
// C1 controls (U+0080..U+009F). Returns nullopt when the text is fine, else the reason, written
// to follow a field name ("must not contain control characters"). JSON request bodies and
// spreadsheet imports both check their text with it, so what is stored can be written back to
// CSV, XLSX and JSON unchanged.
std::optional<std::string> ValidateText(std::string_view text, bool allow_newlines);

// ---- folding and matching

// Lowercases and removes accents from Latin letters (Basic Latin, Latin-1 Supplement and Latin
// Extended-A: "Ñúñez" -> "nunez", "Łódź" -> "lodz", "Straße" -> "strasse", "Œuvre" ->
// "oeuvre"), drops combining marks (U+0300..U+036F), writes typographic apostrophes as ' and
// dashes as -, turns runs of white space into one space and trims. Other characters (Cyrillic,
// Arabic, CJK, Latin Extended Additional, ...) are kept as they are. Invalid UTF-8 is dropped.
// Used for accent- and case-insensitive search keys and name comparison.
std::string Fold(std::string_view text);

// The key names are compared on: Fold(text) keeping only ASCII letters and digits and non-ASCII
// characters, so that case, accents, spaces and punctuation do not matter ("Côte d’Ivoire" and
// "COTE D'IVOIRE" both give "cotedivoire").
std::string MatchKey(std::string_view text);

// True when `value` is one of `allowed` (any range of things comparable with a string_view,
// such as a std::array<std::string_view, N> vocabulary).
template <typename Range>
bool OneOf(const Range& allowed, std::string_view value) {
  for (std::string_view a : allowed) {
    if (a == value) return true;
  }
  return false;
}

// ---- SQL LIKE

// The escape character of LikePattern: a backslash.
inline constexpr char kLikeEscape = '\\';

// A LIKE pattern matching any text that contains `text`: "%" + `text` + "%", with every '%',
// '_' and backslash in `text` preceded by a backslash, so that they match themselves. The SQL
// must name that escape character, on SQLite (which has none by default) and PostgreSQL alike:
//
//   column LIKE ? ESCAPE '\'        (in a C++ string literal: "column LIKE ? ESCAPE '\\'")
//
// Case is left alone: callers fold or lowercase `text` the way the column they compare with is
// (Fold for folded search keys; AsciiLower for lower(column), as SQLite's lower() changes ASCII
// letters only).
std::string LikePattern(std::string_view text);

}  // namespace bsg

#endif  // BSG_PLATFORM_TEXT_H_
