// The groups module: study periods, Study Groups, TSAG, regional groups, management positions
// and their representation statistics. See README.md.
#ifndef BSG_MODULES_GROUPS_MODULE_H_
#define BSG_MODULES_GROUPS_MODULE_H_

#include <memory>

#include "platform/module.h"

namespace bsg::groups {

// Also registers the "positions" import/export kind and the person merge and export hooks.
std::unique_ptr<bsg::Module> NewGroupsModule();

}  // namespace bsg::groups

#endif  // BSG_MODULES_GROUPS_MODULE_H_
