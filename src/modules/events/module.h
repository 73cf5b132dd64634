// The events module: meetings, trainings and forums, registrations in person or remote with a
// waiting list, attendance, participant imports, training and participation statistics, and
// iCalendar feeds. See README.md.
#ifndef BSG_MODULES_EVENTS_MODULE_H_
#define BSG_MODULES_EVENTS_MODULE_H_

#include <memory>

#include "platform/module.h"

namespace bsg::events {

// A new events module for src/app/modules.cc (after registry, groups, mandates and identity).
// Registers the registry's person-merge hook that moves registrations to the surviving person.
std::unique_ptr<bsg::Module> NewEventsModule();

}  // namespace bsg::events

#endif  // BSG_MODULES_EVENTS_MODULE_H_
