// The course module's HTTP routes (see README.md for the list and who may call each).
#ifndef BSG_MODULES_COURSE_API_H_
#define BSG_MODULES_COURSE_API_H_

#include "modules/course/service.h"
#include "platform/http/router.h"

namespace bsg::course {

void RegisterCourseRoutes(http::Router& router, CourseService& service);

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_API_H_
