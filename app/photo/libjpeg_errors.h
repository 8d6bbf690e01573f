#pragma once

#include <csetjmp>
#include <cstdio>
#include <string>

#include <jpeglib.h>
#include <jerror.h>

namespace kiosk::photo::detail {

// libjpeg reports a fatal error by calling error_exit, which must not return.
// Throwing a C++ exception through libjpeg's C frames is not safe, so the
// error jumps back to a setjmp in the caller, which cleans up and throws.
// Callers must construct every object with a destructor before their setjmp.
struct JpegErrorManager {
    jpeg_error_mgr base{};   // first member: libjpeg hands us a pointer to it
    std::jmp_buf jump{};
    char message[JMSG_LENGTH_MAX] = {};
    // Warning codes seen (libjpeg carries on after them; the caller decides).
    bool premature_end = false;
    bool corrupt_data = false;
};

inline void on_error_exit(j_common_ptr cinfo)
{
    auto* mgr = reinterpret_cast<JpegErrorManager*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, mgr->message);
    std::longjmp(mgr->jump, 1);
}

// libjpeg would print warnings on stderr; keep them as flags instead.
inline void on_message(j_common_ptr cinfo, int level)
{
    if (level >= 0)
        return;   // trace messages
    auto* mgr = reinterpret_cast<JpegErrorManager*>(cinfo->err);
    const int code = cinfo->err->msg_code;
    if (code == JWRN_JPEG_EOF)
        mgr->premature_end = true;
    else if (code == JWRN_HIT_MARKER || code == JWRN_MUST_RESYNC || code == JWRN_NOT_SEQUENTIAL)
        mgr->corrupt_data = true;
}

inline jpeg_error_mgr* install(JpegErrorManager& mgr)
{
    jpeg_std_error(&mgr.base);
    mgr.base.error_exit = on_error_exit;
    mgr.base.emit_message = on_message;
    return &mgr.base;
}

} // namespace kiosk::photo::detail
