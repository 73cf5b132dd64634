// The course's item in the progress report (Programme 1: "A.1 online course"): enrolments,
// certificates and completions up to the end of the window and within it, by region and by
// development class as of the enrolment date, with their provenance. Registered with the reports
// module when the course module is created.
#ifndef BSG_MODULES_COURSE_REPORT_SECTION_H_
#define BSG_MODULES_COURSE_REPORT_SECTION_H_

namespace bsg::course {

void RegisterCourseReportSection();

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_REPORT_SECTION_H_
