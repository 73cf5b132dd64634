// `bsg course ...`: the secretariat's course commands (lists, the question bank, enrolment by
// list, results, revocation) on the same use cases as the API.
#ifndef BSG_MODULES_COURSE_CLI_H_
#define BSG_MODULES_COURSE_CLI_H_

#include <CLI/CLI.hpp>

#include "platform/module.h"

namespace bsg::course {

void RegisterCourseCommands(CLI::App& app, ModuleContext& ctx);

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_CLI_H_
