#include "cli_export_onnx.h"

#include "rnnlab/utf8.h"

#if RNNLAB_HAVE_ONNX
#include "onnx_export.h"
#endif

#ifndef RNNLAB_VERSION
#define RNNLAB_VERSION "unknown"
#endif

namespace rnnlab::cli {

bool haveOnnxExport() { return RNNLAB_HAVE_ONNX != 0; }

#if RNNLAB_HAVE_ONNX
void writeOnnxExport(const Session& session, TensorDtype dtype, const std::filesystem::path& out) {
  onnx_export::OnnxExportOptions options;
  options.dtype = dtype;
  options.producerVersion = RNNLAB_VERSION;
  if (session.text) {
    options.vocabulary = encodeUtf8(session.text->vocabulary);
  }
  onnx_export::saveOnnxModel(session.makeModel(), options, out);
}
#else
void writeOnnxExport(const Session& /*session*/, TensorDtype /*dtype*/,
                     const std::filesystem::path& /*out*/) {
  throw SessionError("this rnnlab-cli was built without ONNX support");
}
#endif

}  // namespace rnnlab::cli
