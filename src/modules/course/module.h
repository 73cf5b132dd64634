// The course module: the online course, its question bank, quizzes and certificates.
#ifndef BSG_MODULES_COURSE_MODULE_H_
#define BSG_MODULES_COURSE_MODULE_H_

#include <memory>

#include "platform/module.h"

namespace bsg::course {

std::unique_ptr<bsg::Module> NewCourseModule();

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_MODULE_H_
