#include "rig/picture/run_export.hpp"

#include "rig/config/procedure_file.hpp"
#include "rig/config/procedure_lookup.hpp"
#include "rig/picture/run_report_html.hpp"
#include "rig/picture/timing_diagram.hpp"
#include "rig/record/run_csv.hpp"
#include "rig/record/run_json.hpp"
#include "rig/record/run_vcd.hpp"

#include <algorithm>
#include <stdexcept>

namespace fobrig {

bool is_export_format(std::string_view format) {
    return std::find(export_formats.begin(), export_formats.end(), format) != export_formats.end();
}

std::string export_run(const RunRecord& record, std::string_view format,
                       const Procedure* procedure) {
    if (format == "csv") {
        return to_csv(record);
    }
    if (format == "vcd") {
        return to_vcd(record);
    }
    if (format == "svg") {
        return timing_diagram_svg(record, procedure);
    }
    if (format == "html") {
        return run_report_html(record, procedure);
    }
    if (format == "json") {
        return to_json(record).dump(2) + "\n";
    }
    throw std::invalid_argument("no export format '" + std::string(format) + "'");
}

std::string_view export_media_type(std::string_view format) {
    if (format == "csv") {
        return "text/csv; charset=utf-8";
    }
    if (format == "svg") {
        return "image/svg+xml";
    }
    if (format == "html") {
        return "text/html; charset=utf-8";
    }
    if (format == "json") {
        return "application/json";
    }
    return "text/plain; charset=utf-8";
}

std::optional<Procedure> procedure_of(const RunRecord& record,
                                      const std::filesystem::path& procedures_dir) {
    try {
        // The id is the record's, never a path: a record read from a file names no other file.
        auto loaded = load_procedure_file(procedure_by_id(record.procedure_id, procedures_dir));
        if (loaded.ok() && loaded.value->id == record.procedure_id) {
            return std::move(*loaded.value);
        }
    } catch (const std::exception&) {
        // Not there any more (or not a plain id): the diagram says so.
    }
    return std::nullopt;
}

} // namespace fobrig
