#include "rig/web/outbox.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace fobrig::protocol {

namespace asio = boost::asio;

Outbox::Outbox(const asio::any_io_executor& executor, std::size_t limit)
    : wake_(executor), limit_(limit) {
    wake_.expires_at(std::chrono::steady_clock::time_point::max());
}

bool Outbox::push(std::string message) {
    if (queue_.size() >= limit_) {
        return false;
    }
    queue_.push_back(std::move(message));
    wake_.cancel_one();
    return true;
}

asio::awaitable<void> Outbox::write_all(Write write, std::function<bool()> gone,
                                        std::function<bool()> closing) {
    while (!gone()) {
        if (queue_.empty()) {
            if (closing()) {
                co_return;
            }
            boost::system::error_code ignored;
            co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
            continue;
        }
        if (co_await write(queue_.front())) {
            co_return;
        }
        queue_.pop_front();
    }
}

} // namespace fobrig::protocol
