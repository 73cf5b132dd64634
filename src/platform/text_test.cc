// Text helpers: trimming, UTF-8 decoding, folding, match keys, LIKE patterns. The LIKE patterns
// are also run against both databases in platform/db/like_pattern_test.cc.
#include "platform/text.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <string_view>

namespace bsg {
namespace {

TEST(TextTest, TrimSpace) {
  EXPECT_EQ(TrimSpace(" \t a b \r\n"), "a b");
  EXPECT_EQ(TrimSpace("   "), "");
  EXPECT_EQ(Trimmed("x "), "x");
}

TEST(TextTest, AsciiLowerChangesAsciiLettersOnly) {
  EXPECT_EQ(AsciiLower("Ada LOVELACE 100%_\\"), "ada lovelace 100%_\\");
  EXPECT_EQ(AsciiLower("ÉCOLE"), "École");  // É is not ASCII
}

TEST(TextTest, DecodesValidUtf8) {
  const std::string text = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";  // a é 中 😀
  std::size_t pos = 0;
  EXPECT_EQ(DecodeUtf8(text, pos), U'a');
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(DecodeUtf8(text, pos), U'\u00E9');
  EXPECT_EQ(pos, 3u);
  EXPECT_EQ(DecodeUtf8(text, pos), U'\u4E2D');
  EXPECT_EQ(pos, 6u);
  EXPECT_EQ(DecodeUtf8(text, pos), U'\U0001F600');
  EXPECT_EQ(pos, text.size());
  EXPECT_TRUE(IsValidUtf8(text));
  EXPECT_TRUE(IsValidUtf8(""));
  // The extremes of each length are valid.
  EXPECT_TRUE(
      IsValidUtf8("\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"));
}

TEST(TextTest, RejectsInvalidUtf8) {
  EXPECT_FALSE(IsValidUtf8("\x80"));              // a stray continuation byte
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong '/' in three bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // overlong '/' in four bytes
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));      // surrogate U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));  // never a lead byte
  EXPECT_FALSE(IsValidUtf8("\xFF"));              // never a lead byte
  EXPECT_FALSE(IsValidUtf8("\xE4\xB8"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xE4\xB8x"));         // a continuation byte missing
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));       // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));       // U+E000, just above them
  // A failure consumes one byte, so that callers resynchronize.
  std::size_t pos = 0;
  EXPECT_FALSE(DecodeUtf8("\xC0\xAF", pos));
  EXPECT_EQ(pos, 1u);
  pos = 0;
  EXPECT_FALSE(DecodeUtf8("\xE4\xB8", pos));
  EXPECT_EQ(pos, 1u);
}

TEST(TextTest, AppendUtf8RoundTrips) {
  for (char32_t cp : {U'\0', U'A', U'\u00FF', U'\u0800', U'\uFFFD', U'\U00010000', U'\U0010FFFF'}) {
    std::string out;
    AppendUtf8(out, cp);
    std::size_t pos = 0;
    EXPECT_EQ(DecodeUtf8(out, pos), cp);
    EXPECT_EQ(pos, out.size());
  }
}

TEST(TextTest, ReplaceInvalidUtf8) {
  EXPECT_EQ(ReplaceInvalidUtf8("Sa\xC3\xA3o"), "Sa\xC3\xA3o");
  // One U+FFFD per byte of a bad sequence, as glib's g_utf8_make_valid does.
  EXPECT_EQ(ReplaceInvalidUtf8("a\xC0\xAF"
                               "b"),
            "a\xEF\xBF\xBD\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(ReplaceInvalidUtf8("\xE4\xB8"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(ReplaceInvalidUtf8("x\xFF"), "x\xEF\xBF\xBD");
}

TEST(TextTest, FoldRemovesCaseAccentsAndExtraSpace) {
  EXPECT_EQ(Fold("  Ñúñez   Łódź  Straße Œuvre "), "nunez lodz strasse oeuvre");
  EXPECT_EQ(Fold("Nguyễn"), "nguyễn");  // outside Latin-1/Extended-A: kept
  EXPECT_EQ(Fold("e\xCC\x81"), "e");    // a decomposed accent is dropped
  EXPECT_EQ(Fold("O’Brien – Smith"), "o'brien - smith");
  EXPECT_EQ(Fold("a\xC2\xA0\xE3\x80\x80"
                 "b"),
            "a b");                 // no-break and ideographic spaces
  EXPECT_EQ(Fold("Иван"), "Иван");  // Cyrillic kept as written
  EXPECT_EQ(Fold("a\xC0\xAF\xFF"
                 "b"),
            "ab");  // invalid UTF-8 dropped, never '/'
  EXPECT_EQ(Fold(""), "");
}

TEST(TextTest, MatchKeyIgnoresPunctuationAndSpaces) {
  EXPECT_EQ(MatchKey("Côte d’Ivoire"), "cotedivoire");
  EXPECT_EQ(MatchKey("COTE D'IVOIRE"), "cotedivoire");
  EXPECT_EQ(MatchKey("  Bosnia-and Herzegovina. "), "bosniaandherzegovina");
  EXPECT_EQ(MatchKey("中国"), "中国");
  EXPECT_EQ(MatchKey("--"), "");
}

TEST(TextTest, OneOf) {
  constexpr std::array<std::string_view, 2> kKinds = {"tsag", "study_group"};
  EXPECT_TRUE(OneOf(kKinds, "tsag"));
  EXPECT_FALSE(OneOf(kKinds, "TSAG"));
  EXPECT_FALSE(OneOf(kKinds, ""));
}

TEST(TextTest, ValidateTextRefusesControlCharactersAndBadUtf8) {
  using namespace std::string_literals;
  EXPECT_EQ(ValidateText("Ñúñez\tOK", false), std::nullopt);
  EXPECT_EQ(ValidateText("", false), std::nullopt);
  EXPECT_EQ(ValidateText("line one\nline two\r\n", true), std::nullopt);
  EXPECT_EQ(ValidateText("Ana\nMaria", false), "must be a single line (no line breaks)");
  EXPECT_EQ(ValidateText("Ana\rMaria", false), "must be a single line (no line breaks)");
  EXPECT_EQ(ValidateText("Ana\0Maria"s, true), "must not contain control characters");
  EXPECT_EQ(ValidateText("bell\a", true), "must not contain control characters");
  EXPECT_EQ(ValidateText("del\x7f", true), "must not contain control characters");
  EXPECT_EQ(ValidateText("c1\xc2\x85", true), "must not contain control characters");
  EXPECT_EQ(ValidateText("bad\xff", true), "must be valid UTF-8 text");
}

TEST(TextTest, LikePatternEscapesWildcardsAndTheEscapeCharacter) {
  EXPECT_EQ(kLikeEscape, '\\');
  EXPECT_EQ(LikePattern("ada"), "%ada%");
  EXPECT_EQ(LikePattern(""), "%%");
  EXPECT_EQ(LikePattern("100%"), "%100\\%%");
  EXPECT_EQ(LikePattern("a_b"), "%a\\_b%");
  EXPECT_EQ(LikePattern("c:\\dir"), "%c:\\\\dir%");
  EXPECT_EQ(LikePattern("%_\\"), "%\\%\\_\\\\%");
  EXPECT_EQ(LikePattern("ÉCOLE"), "%ÉCOLE%");              // case is the caller's business
  EXPECT_EQ(LikePattern("' OR '1'='1"), "%' OR '1'='1%");  // values are bound, never spliced
}

}  // namespace
}  // namespace bsg
