// A run's record in each format a user can take away: the one list of formats and the one
// way to make each, for `fobrig export`, the daemon's show request and the web page's downloads.
#pragma once

#include "rig/core/procedure.hpp"
#include "rig/core/run_record.hpp"

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace fobrig {

inline constexpr std::array<std::string_view, 5> export_formats{"json", "csv", "vcd", "svg",
                                                                "html"};

bool is_export_format(std::string_view format);

// The record as `format` (one of export_formats); the diagram's windows come from `procedure`.
std::string export_run(const RunRecord& record, std::string_view format,
                       const Procedure* procedure);

// The media type a browser is told ("image/svg+xml").
std::string_view export_media_type(std::string_view format);

// The record's procedure from `procedures_dir`, or none when it is no longer there or no longer
// loads (the diagram is then drawn without the car's windows and says so).
std::optional<Procedure> procedure_of(const RunRecord& record,
                                      const std::filesystem::path& procedures_dir);

} // namespace fobrig
