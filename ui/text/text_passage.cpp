#include "text/text_passage.h"

#include <QCoreApplication>
#include <algorithm>

#include "rnnlab/text_model.h"

TextPassage textPassage(const rnnlab::TextData& text, long start, int length) {
  TextPassage passage;
  const long size = text.size();
  start = std::clamp<long>(start, 0, std::max<long>(size - 2, 0));
  const long count = std::max<long>(0, std::min<long>(length, size - 1 - start));
  passage.start = start;
  for (long i = 0; i < count; ++i) {
    const int input = text.indices[static_cast<std::size_t>(start + i)];
    passage.inputs.push_back(input);
    passage.targets.push_back(text.indices[static_cast<std::size_t>(start + i + 1)]);
    passage.characters.push_back(text.vocabulary[static_cast<std::size_t>(input)]);
  }
  return passage;
}

void runPassage(const rnnlab::Model& model, const TextPassage& passage, rnnlab::ForwardPass& pass,
                const rnnlab::Vector& h, const rnnlab::Vector& c) {
  const rnnlab::Vector& start = h.size() == model.config.hiddenSize ? h : model.h0;
  const rnnlab::Vector cell =
      c.size() == model.config.hiddenSize ? c : rnnlab::initialCellState(model);
  rnnlab::forwardIndexed(model, passage.inputs, passage.targets, start, cell, pass);
}

QString characterLabel(char32_t character) {
  switch (character) {
    case U' ':
      return QCoreApplication::translate("TextPassage", "space");
    case U'\n':
      return QCoreApplication::translate("TextPassage", "newline ↵");
    case U'\t':
      return QCoreApplication::translate("TextPassage", "tab →");
    default:
      return QStringLiteral("'%1'").arg(QString::fromUcs4(&character, 1));
  }
}
