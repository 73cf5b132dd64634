// The list of widely published common passwords that identity refuses, compiled into the binary
// so that no data folder is needed at run time. The source of truth is
// data/common-passwords.txt; common_passwords.cc is generated from it (gen_common_passwords.sh)
// and common_passwords_test.cc checks that the two agree.
#ifndef BSG_MODULES_IDENTITY_COMMON_PASSWORDS_H_
#define BSG_MODULES_IDENTITY_COMMON_PASSWORDS_H_

#include <span>
#include <string_view>

namespace bsg::identity {

// Every listed password, lowercase, sorted and unique.
std::span<const std::string_view> CommonPasswords();

// True when `lowercase` (already lowercased) is on the list.
bool IsCommonPassword(std::string_view lowercase);

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_COMMON_PASSWORDS_H_
