#include "modules/course/attachment_type.h"

#include <gtest/gtest.h>

namespace bsg::course {
namespace {

TEST(AttachmentTypeTest, ContentMustBeOfItsType) {
  EXPECT_TRUE(ContentMatchesType("application/pdf", "%PDF-1.7\n"));
  EXPECT_FALSE(ContentMatchesType("application/pdf", "<html>%PDF-"));
  EXPECT_TRUE(ContentMatchesType("image/png", std::string("\x89PNG\r\n\x1a\n....", 12)));
  EXPECT_FALSE(ContentMatchesType("image/png", "\xFF\xD8\xFF\xE0"));
  EXPECT_TRUE(ContentMatchesType("image/jpeg", "\xFF\xD8\xFF\xE0"));
  EXPECT_TRUE(ContentMatchesType("text/plain", "Notes\r\n\tindented\n"));
  EXPECT_FALSE(ContentMatchesType("text/plain", std::string("a\0b", 3)));
  EXPECT_FALSE(ContentMatchesType("text/plain", "\xC3\x28"));  // not UTF-8
  // Office files: a ZIP naming its content types and the parts of its kind.
  const std::string docx =
      std::string("PK\x03\x04", 4) + "....[Content_Types].xml....word/document.xml";
  const std::string xlsx =
      std::string("PK\x03\x04", 4) + "....[Content_Types].xml....xl/workbook.xml";
  EXPECT_TRUE(ContentMatchesType(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx));
  EXPECT_FALSE(ContentMatchesType(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", xlsx));
  EXPECT_TRUE(ContentMatchesType(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx));
  EXPECT_FALSE(ContentMatchesType(
      "application/vnd.openxmlformats-officedocument.presentationml.presentation", xlsx));
  EXPECT_FALSE(ContentMatchesType("application/zip", std::string("PK\x03\x04", 4)));
  EXPECT_FALSE(AllowedAttachmentType("text/html"));
  EXPECT_TRUE(AllowedAttachmentType("image/png"));
}

TEST(AttachmentTypeTest, FileNamesAreTheLastSegmentOfCleanText) {
  EXPECT_EQ(CleanFileName("  slides.pdf "), "slides.pdf");
  EXPECT_EQ(CleanFileName("../../etc/passwd"), "passwd");
  EXPECT_EQ(CleanFileName("C:\\Users\\ada\\Module 1.pdf"), "Module 1.pdf");
  EXPECT_EQ(CleanFileName("Résumé.pdf"), "Résumé.pdf");
  EXPECT_FALSE(CleanFileName(""));
  EXPECT_FALSE(CleanFileName("dir/"));
  EXPECT_FALSE(CleanFileName(".."));
  EXPECT_FALSE(CleanFileName("a\nb.pdf"));
  EXPECT_FALSE(CleanFileName(std::string(201, 'a')));
}

}  // namespace
}  // namespace bsg::course
