#pragma once
namespace onestop {
const char* version();
}
