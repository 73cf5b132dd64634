// Small text helpers shared by the platform and the modules.
#ifndef BSG_PLATFORM_TEXT_H_
#define BSG_PLATFORM_TEXT_H_

#include <string>
#include <string_view>

namespace bsg {

// `s` without leading and trailing white space (std::isspace in the C locale: space, tab, CR,
// LF, VT, FF). Input fields are trimmed with it before they are checked.
std::string_view TrimSpace(std::string_view s);
// The same as a new string.
inline std::string Trimmed(std::string_view s) { return std::string(TrimSpace(s)); }

}  // namespace bsg

#endif  // BSG_PLATFORM_TEXT_H_
