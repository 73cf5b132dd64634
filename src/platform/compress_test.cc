#include "platform/compress.h"

#include <gtest/gtest.h>

namespace bsg {
namespace {

TEST(CompressTest, GzipRoundTrips) {
  const std::string text(100000, 'a');
  auto packed = Gzip(text);
  ASSERT_TRUE(packed);
  EXPECT_LT(packed->size(), 1000u);
  EXPECT_EQ(static_cast<unsigned char>((*packed)[0]), 0x1f);  // gzip's magic bytes
  EXPECT_EQ(static_cast<unsigned char>((*packed)[1]), 0x8b);
  EXPECT_EQ(Gunzip(*packed, text.size()), text);
  EXPECT_EQ(Gunzip(*Gzip(""), 10), "");
}

TEST(CompressTest, GunzipRefusesBombsTruncationGarbageAndTrailingBytes) {
  const std::string text(100000, 'a');
  auto packed = *Gzip(text);
  EXPECT_FALSE(Gunzip(packed, text.size() - 1));  // would inflate past the bound
  EXPECT_FALSE(Gunzip(packed.substr(0, packed.size() / 2), text.size()));
  EXPECT_FALSE(Gunzip("not gzip at all", 100));
  EXPECT_FALSE(Gunzip(packed + "x", text.size()));
}

}  // namespace
}  // namespace bsg
