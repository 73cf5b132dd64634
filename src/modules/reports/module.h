// The reports module: the BSG progress report built from live data (sections, tables and
// figures as a document model with the provenance of every number), its editable wording, and
// its downloads (PDF, HTML, CSV, SVG, PNG, JSON); the dashboard data; the synthetic data for
// benchmarks. See README.md.
#ifndef BSG_MODULES_REPORTS_MODULE_H_
#define BSG_MODULES_REPORTS_MODULE_H_

#include <memory>

#include "platform/module.h"

namespace bsg::reports {

// The reports module for src/app/modules.cc (last: it reads every other module's data).
std::unique_ptr<bsg::Module> NewReportsModule();

}  // namespace bsg::reports

#endif  // BSG_MODULES_REPORTS_MODULE_H_
