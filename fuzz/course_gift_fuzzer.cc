// libFuzzer target for the GIFT reader and writer (modules/course/gift.h): any bytes read
// without a crash, a hang or undefined behaviour, and what reads without problems is written
// and read back equal (round_trip.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/round_trip.h"
#include "modules/course/gift.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  bsg::fuzz::CheckRoundTrip("GIFT", input, bsg::course::ParseGift, bsg::course::WriteGift);
  return 0;
}
