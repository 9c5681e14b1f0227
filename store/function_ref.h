// A non-owning, non-allocating reference to a callable, for callbacks that run before the
// call that received them returns (the store's read callbacks, on every GET). Unlike
// std::function it never copies or heap-allocates the callable.
#pragma once

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace larder::store {

template <class Signature>
class FunctionRef;

template <class R, class... Args>
class FunctionRef<R(Args...)> {
  public:
    // Lifetime: refers to `f`, so it must not outlive it. Binding to a temporary lambda is
    // fine for a parameter, since the temporary lives until the full call expression ends.
    template <class F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, FunctionRef> &&
             !std::is_function_v<std::remove_reference_t<F>> &&
             std::is_invocable_r_v<R, F&, Args...>) FunctionRef(F&& f)
    noexcept  // NOLINT(google-explicit-constructor): callers pass lambdas
        : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
          call_(&invoke<std::remove_reference_t<F>>) {}

    R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

  private:
    template <class F>
    static R invoke(void* object, Args... args) {
        return std::invoke(*static_cast<F*>(object), std::forward<Args>(args)...);
    }

    void* object_;
    R (*call_)(void*, Args...);
};

}  // namespace larder::store
