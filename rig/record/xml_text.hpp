// Text and numbers as they go into SVG and XHTML: one escaping for every picture and page.
#pragma once

#include <string>
#include <string_view>

namespace fobrig {

// `text` with &, <, >, " and ' replaced by entities; fit for element text and attributes.
std::string xml_escape(std::string_view text);

// A coordinate with one decimal ("12.5"), the precision a picture needs.
std::string coordinate(double value);

} // namespace fobrig
