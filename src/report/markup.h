// Escaping text for HTML and XML, and small formatting helpers shared by the report writers.
#pragma once

#include <string>
#include <string_view>

namespace rrt {

// Text safe inside HTML element content and quoted attribute values: & < > " ' escaped.
std::string escape_html(std::string_view text);

// Like escape_html, and also drops the control characters XML 1.0 forbids (all below 0x20 but
// tab, newline and carriage return), so that any text a Redis error carried stays valid XML.
std::string escape_xml(std::string_view text);

}  // namespace rrt
