// Spreadsheet dates: the serial numbers XLSX files store for dates and times (the 1900 date
// system), and the text a date cell reads as.
//
// A serial counts days, with the fraction the time of day. Serial 1 is 1900-01-01. Serial 60 is
// 1900-02-29, a day that never was: Lotus 1-2-3 took 1900 for a leap year and Excel kept the
// error for compatibility. From 61 (1900-03-01) on, serials count real days from 1899-12-30.
// Excel's last date is 9999-12-31 (serial 2958465). The 1904 date system (old Mac workbooks) is
// not read: BSG's files do not use it.
//
// Thread-safety: values and pure functions; safe from any thread.
#ifndef BSG_PLATFORM_TIME_SPREADSHEET_H_
#define BSG_PLATFORM_TIME_SPREADSHEET_H_

#include <optional>
#include <string>

#include "platform/time/date.h"

namespace bsg::time {

// A date and a time of day without a zone, as a spreadsheet cell holds them.
struct CellDateTime {
  Date date;
  int second_of_day = 0;  // 0 to 86399

  // "YYYY-MM-DD", or "YYYY-MM-DD HH:MM:SS" when the time is not midnight.
  std::string ToString() const;
};

// The date and time of serial `serial`, to the nearest second. nullopt for serials before 1
// (Excel's "1900-01-00"), for the day 60 names (1900-02-29), after 9999-12-31, or not finite.
std::optional<CellDateTime> FromSpreadsheetSerial(double serial);

}  // namespace bsg::time

#endif  // BSG_PLATFORM_TIME_SPREADSHEET_H_
