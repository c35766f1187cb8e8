// Any line as a request on the control socket, read the way the daemon reads one: parsed, then
// each field taken as the requests take it, and the answer made into a line. A RequestError is
// the daemon's answer; anything else escaping is a defect.
#include "rig/protocol/message.hpp"
#include "rig/protocol/request.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

using fobrig::protocol::Request;
using fobrig::protocol::RequestError;

template <class Read> void field(const Read& read) {
    try {
        read();
    } catch (const RequestError&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The session never hands on a longer line, nor one with its newline.
    if (size > fobrig::protocol::max_line) {
        return 0;
    }
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    try {
        const Request request = Request::parse(line);
        field([&] { return request.required_text("procedure"); });
        field([&] { return request.text("procedure_text"); });
        field([&] { return request.slots("slots"); });
        field([&] { return request.slots("keep"); });
        field([&] { return request.labels("labels"); });
        field([&] { return request.flag("verify_only"); });
        field([&] { return request.integer("limit", 1, 200); });
        fobrig::protocol::line(fobrig::protocol::answer(request.id(), request.json()));
    } catch (const RequestError& error) {
        fobrig::protocol::line(fobrig::protocol::refusal(nullptr, error));
    }
    return 0;
}
