// libFuzzer target for the Moodle XML reader and writer (modules/course/moodle_xml.h): any bytes
// read without a crash, a hang or undefined behaviour, and what reads without problems is
// written and read back equal (round_trip.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/round_trip.h"
#include "modules/course/moodle_xml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  bsg::fuzz::CheckRoundTrip("Moodle XML", input, bsg::course::ParseMoodleXml,
                            bsg::course::WriteMoodleXml);
  return 0;
}
