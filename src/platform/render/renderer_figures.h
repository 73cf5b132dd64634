// Every figure of a Document as an image file: figure-N.svg (vector, for the web and for
// editing) or figure-N.png (at ChartOptions::png_scale pixels per point, 2 by default),
// numbered as in the PDF and HTML. Drawn by the chart kit (chart.h), the same code as the PDF.
//
// Thread-safety: reentrant.
#ifndef BSG_PLATFORM_RENDER_RENDERER_FIGURES_H_
#define BSG_PLATFORM_RENDER_RENDERER_FIGURES_H_

#include <vector>

#include "platform/render/chart.h"
#include "platform/render/document.h"
#include "platform/render/rendered_file.h"
#include "platform/status.h"

namespace bsg::render {

enum class FigureFormat { kSvg, kPng };

// Charts without a language get the document's. Errors: those of ChartToSvg / ChartToPng, with
// the figure number as context.
Result<std::vector<RenderedFile>> RenderFigureFiles(const Document& document, FigureFormat format,
                                                    const ChartOptions& options = {});

// The chart a renderer draws for `figure` in `document`: the figure's chart with the document's
// language when the chart has none.
Chart ChartForDocument(const Document& document, const Figure& figure);

}  // namespace bsg::render

#endif  // BSG_PLATFORM_RENDER_RENDERER_FIGURES_H_
