#include "store/types.h"

namespace larder::store {

std::string_view to_string(Status status) {
    switch (status) {
        case Status::ok:
            return "ok";
        case Status::not_found:
            return "not_found";
        case Status::exists:
            return "exists";
        case Status::not_stored:
            return "not_stored";
        case Status::not_a_number:
            return "not_a_number";
        case Status::overflow:
            return "overflow";
        case Status::wrong_type:
            return "wrong_type";
        case Status::out_of_memory:
            return "out_of_memory";
        case Status::too_large:
            return "too_large";
    }
    return "unknown";
}

}  // namespace larder::store
