#pragma once
// The error codes of the asset routes (issue 16), as onestop/base/error_codes.h names the
// rest: the wire's strings, compared by clients through one name. Only the hub's asset
// routes answer them, so they stay beside those routes rather than in the header every
// module includes.

namespace onestop::errc {

inline constexpr char asset_unknown[] = "asset_unknown";          // 404
inline constexpr char asset_exists[] = "asset_exists";            // 409: the tag is taken
inline constexpr char asset_not_in_use[] = "asset_not_in_use";    // 409: lost, damaged
inline constexpr char not_enough_stock[] = "not_enough_stock";    // 409: a requisition's quantity
inline constexpr char stocktake_unknown[] = "stocktake_unknown";  // 404
inline constexpr char stocktake_closed[] = "stocktake_closed";    // 409
inline constexpr char stocktake_open[] = "stocktake_open";        // 409: one at a time

}  // namespace onestop::errc
