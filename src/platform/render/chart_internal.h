// Chart kit internals shared with tests. Internal to src/platform/render.
#ifndef BSG_PLATFORM_RENDER_CHART_INTERNAL_H_
#define BSG_PLATFORM_RENDER_CHART_INTERNAL_H_

#include "platform/render/chart.h"
#include "platform/render/world_map.h"
#include "platform/status.h"

namespace bsg::render::internal {

// Where DrawChart puts the map of the kWorldMap `chart` drawn into `box`: box coordinates of
// any projected point are frame.X(p), frame.Y(p). Errors: as DrawChart.
Result<MapFrame> MapFrameForChart(const Chart& chart, const Box& box,
                                  const ChartOptions& options = {});

}  // namespace bsg::render::internal

#endif  // BSG_PLATFORM_RENDER_CHART_INTERNAL_H_
