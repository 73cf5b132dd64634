#!/usr/bin/env bash
# Regenerates common_passwords.cc from data/common-passwords.txt. Run from anywhere after editing
# the list; common_passwords_test.cc fails while the two differ.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
src=$root/data/common-passwords.txt
out=$root/src/modules/identity/common_passwords.cc
{
  echo "// Generated from data/common-passwords.txt by gen_common_passwords.sh. Do not edit."
  echo "#include \"modules/identity/common_passwords.h\""
  echo
  echo "#include <algorithm>"
  echo "#include <iterator>"
  echo
  echo "namespace bsg::identity {"
  echo "namespace {"
  echo
  echo "// Sorted (byte order) and unique, for binary search."
  echo "// clang-format off"
  echo "constexpr std::string_view kCommonPasswords[] = {"
  grep -v '^#' "$src" | grep -v '^[[:space:]]*$' | tr 'A-Z' 'a-z' | LC_ALL=C sort -u |
    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/    "/' -e 's/$/",/'
  echo "};"
  echo "// clang-format on"
  echo
  echo "}  // namespace"
  echo
  echo "std::span<const std::string_view> CommonPasswords() { return kCommonPasswords; }"
  echo
  echo "bool IsCommonPassword(std::string_view lowercase) {"
  echo "  return std::binary_search(std::begin(kCommonPasswords), std::end(kCommonPasswords), lowercase);"
  echo "}"
  echo
  echo "}  // namespace bsg::identity"
} >"$out"
