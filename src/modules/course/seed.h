// The course module's part of the demo programme: the A.1 course on the working methods of ITU-T
// study groups with its six modules (the module titles of the ITU Academy course; the texts and
// the 20 assessment questions are written for the demo, not copied), and the learners: the
// demo registry's people enrolled on dates spread from 2014 to March 2020, of whom some read the
// modules and pass the assessment (and receive a certificate through the completion rule, as a
// live learner would), some fail it and some stop early. Chosen so that the demo counts 824
// enrolments and 382 certificates by 31 March 2020; the report counts these rows.
//
// Idempotent: nothing is done when the course (code "a1-working-methods") exists.
#ifndef BSG_MODULES_COURSE_SEED_H_
#define BSG_MODULES_COURSE_SEED_H_

#include <cstdint>

#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::course {

struct CourseSeedSummary {
  std::int64_t enrolments = 0;
  std::int64_t attempts = 0;
  std::int64_t certificates = 0;
};

Result<CourseSeedSummary> SeedDemoCourse(db::Database& db);

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_SEED_H_
