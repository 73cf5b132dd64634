// The mandates module's storage (read-only; SQL in store_sql.cc).
#ifndef BSG_MODULES_MANDATES_STORE_H_
#define BSG_MODULES_MANDATES_STORE_H_

#include <vector>

#include "modules/mandates/model.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::mandates {

class Store {
 public:
  Store() {}
  Result<std::vector<Resolution>> Resolutions(db::Session& s) const;
  Result<std::vector<Programme>> Programmes(db::Session& s) const;
  Result<std::vector<Pillar>> Pillars(db::Session& s) const;
};

}  // namespace bsg::mandates

#endif  // BSG_MODULES_MANDATES_STORE_H_
