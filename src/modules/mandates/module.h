// The mandates module: the Resolutions behind the BSG programme, the four programmes of the
// Resolution 44 action plan and the five BSG pillars, as read-only reference data loaded by
// migration 0005. Other modules tag activities with programme.number and pillar.code. See
// README.md.
#ifndef BSG_MODULES_MANDATES_MODULE_H_
#define BSG_MODULES_MANDATES_MODULE_H_

#include <memory>

#include "platform/module.h"

namespace bsg::mandates {

std::unique_ptr<bsg::Module> NewMandatesModule();

}  // namespace bsg::mandates

#endif  // BSG_MODULES_MANDATES_MODULE_H_
