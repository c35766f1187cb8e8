// A callable handed down a call and not kept: unlike std::function it never copies the callable,
// so passing a lambda with many captures allocates nothing (the run's thread passes them
// between its edges). It refers to the callable, which must outlive every call through it: pass
// it as an argument, never store it.
#pragma once

#include <functional>
#include <memory>
#include <type_traits>

namespace fobrig {

template <class Signature> class FunctionRef;

template <class R, class... Args> class FunctionRef<R(Args...)> {
public:
    FunctionRef() = default;
    template <class F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, FunctionRef> &&
             std::is_invocable_r_v<R, F&, Args...>)
        // Implicit, as std::function's: a lambda is passed where a handler is asked for.
        FunctionRef(F&& callable)
    noexcept
        : callable_(const_cast<void*>(static_cast<const void*>(std::addressof(callable)))),
          call_([](void* callable, Args... args) -> R {
              return std::invoke(*static_cast<std::remove_reference_t<F>*>(callable),
                                 std::forward<Args>(args)...);
          }) {}

    explicit operator bool() const { return call_ != nullptr; }
    R operator()(Args... args) const { return call_(callable_, std::forward<Args>(args)...); }

private:
    void* callable_ = nullptr;
    R (*call_)(void*, Args...) = nullptr;
};

} // namespace fobrig
