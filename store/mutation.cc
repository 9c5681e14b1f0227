#include "store/mutation.h"

namespace larder::store {
namespace {

class NullMutationSink final : public MutationSink {
  public:
    void on_mutation(uint64_t, size_t, const Mutation&) override {}
};

}  // namespace

MutationSink& null_mutation_sink() {
    static NullMutationSink sink;
    return sink;
}

}  // namespace larder::store
