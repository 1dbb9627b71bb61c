<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AutosaveRestore</name>
    <message>
        <source>Restore unsaved work?</source>
        <translation>恢复未保存的工作？</translation>
    </message>
    <message>
        <source>RNN Lab did not close properly last time. It had autosaved “%1” at %2 (trained to iteration %L3). Restore it?</source>
        <translation>RNN Lab 上次没有正常关闭。它在 %2 自动保存了“%1”（已训练到第 %L3 次迭代）。要恢复吗？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>“Not now” keeps it and asks again at the next start.</source>
        <translation>选择“以后再说”会保留它，下次启动时再询问。</translation>
    </message>
    <message>
        <source>Restored “%1”: save it to keep it.</source>
        <translation>已恢复“%1”：请保存以保留它。</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
</context>
<context>
    <name>CellChoice</name>
    <message>
        <source>layer %1 (l%1)</source>
        <translation>第 %1 层 (l%1)</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>正向</translation>
    </message>
    <message>
        <source>reverse</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
</context>
<context>
    <name>DataSetConversion</name>
    <message>
        <source>New data set from &amp;generator…</source>
        <translation>由生成器新建数据集(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Import data set from CSV…</source>
        <translation>从 CSV 导入数据集(&amp;I)…</translation>
    </message>
    <message>
        <source>Import data set from &amp;folder…</source>
        <translation>从文件夹导入数据集(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Make a data set from this sequence</source>
        <translation>用这条序列建立数据集(&amp;M)</translation>
    </message>
    <message>
        <source>Cannot make a data set</source>
        <translation>无法建立数据集</translation>
    </message>
    <message>
        <source>One undo step: Ctrl+Z brings this session back.</source>
        <translation>这是一个撤销步骤：按 Ctrl+Z 即可恢复这个会话。</translation>
    </message>
    <message>
        <source>Replace the data set with a generated task (noisy sine, echo, adding, copy, parity).</source>
        <translation>用生成的任务（带噪正弦、回声、加法、复制、奇偶）替换数据集。</translation>
    </message>
    <message>
        <source>Turn this session into a data set of a generated task (noisy sine, echo, adding, copy, parity) with training and validation sequences.</source>
        <translation>把这个会话变成一个生成任务（带噪正弦、回声、加法、复制、奇偶）的数据集，含训练序列和验证序列。</translation>
    </message>
    <message>
        <source>Replace the data set with the sequences of a CSV file with a sequence column.</source>
        <translation>用带序列列的 CSV 文件中的序列替换数据集。</translation>
    </message>
    <message>
        <source>Turn this session into a data set of the sequences of a CSV file with a sequence column (rows grouped by id, in order).</source>
        <translation>把这个会话变成带序列列的 CSV 文件中各序列组成的数据集（按编号分组，保持行序）。</translation>
    </message>
    <message>
        <source>Replace the data set with a folder of CSV files, one sequence per file.</source>
        <translation>用一个 CSV 文件夹替换数据集，每个文件一条序列。</translation>
    </message>
    <message>
        <source>Turn this session into a data set of a folder of CSV files, one sequence per file.</source>
        <translation>把这个会话变成一个 CSV 文件夹组成的数据集，每个文件一条序列。</translation>
    </message>
    <message>
        <source>This session is a data set already.</source>
        <translation>这个会话已经是数据集了。</translation>
    </message>
    <message>
        <source>Wrap this sequence as a data set with one training sequence, keeping the network and its weights; then add or generate more.</source>
        <translation>把这条序列包装成只含一条训练序列的数据集，保留网络及其权重；之后可以再添加或生成更多序列。</translation>
    </message>
    <message>
        <source>Generate %1</source>
        <translation>生成 %1</translation>
    </message>
    <message>
        <source>%1: no sequences</source>
        <translation>%1：没有序列</translation>
    </message>
    <message>
        <source>1 sequence from %1</source>
        <translation>来自 %1 的 1 条序列</translation>
    </message>
    <message>
        <source>%1 sequences from %2</source>
        <translation>来自 %2 的 %1 条序列</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>this sequence</source>
        <translation>这条序列</translation>
    </message>
    <message>
        <source>Data set of %1: %2 training, %3 validation sequences.</source>
        <translation>%1 的数据集：%2 条训练序列，%3 条验证序列。</translation>
    </message>
    <message>
        <source>Network I %1 → %2, O %3 → %4: new weights from the seed at Reset.</source>
        <translation>网络 I %1 → %2，O %3 → %4：重置时由种子生成新权重。</translation>
    </message>
    <message>
        <source>New output mode or loss: new weights from the seed at Reset.</source>
        <translation>新的输出方式或损失：重置时由种子生成新权重。</translation>
    </message>
    <message>
        <source>Data set not changed: %1</source>
        <translation>数据集未改变：%1</translation>
    </message>
    <message>
        <source>Cannot generate</source>
        <translation>无法生成</translation>
    </message>
    <message>
        <source>Import data set</source>
        <translation>导入数据集</translation>
    </message>
    <message>
        <source>CSV files with a sequence column (*.csv);;All files (*)</source>
        <translation>带序列列的 CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot import data set</source>
        <translation>无法导入数据集</translation>
    </message>
    <message>
        <source>Import a data set: a folder of CSV files</source>
        <translation>导入数据集：一个 CSV 文件夹</translation>
    </message>
</context>
<context>
    <name>DataSetDocks</name>
    <message>
        <source>Data set not changed: %1</source>
        <translation>数据集未更改：%1</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>k-step prediction</source>
        <translation>k 步预测</translation>
    </message>
    <message>
        <source>Sequence: validation #%1</source>
        <translation>序列：验证集 #%1</translation>
    </message>
    <message>
        <source>Sequence: training #%1</source>
        <translation>序列：训练集 #%1</translation>
    </message>
    <message>
        <source>validation #%1</source>
        <translation>验证集 #%1</translation>
    </message>
    <message>
        <source>training #%1</source>
        <translation>训练集 #%1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
</context>
<context>
    <name>DataSetPanel</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add a sequence of zeros shaped like the selected one (or %1 steps long when none is selected) after it</source>
        <translation>在选中的序列之后添加一个形状与它相同的全零序列（未选中时长度为 %1 步）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected sequence (Delete)</source>
        <translation>删除选中的序列（Delete）</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Insert a copy of the selected sequence after it (Ctrl+D)</source>
        <translation>在选中的序列之后插入它的副本（Ctrl+D）</translation>
    </message>
    <message>
        <source>To validation</source>
        <translation>移到验证集</translation>
    </message>
    <message>
        <source>Sequences held out of training: the validation loss is measured on them, never learned from</source>
        <translation>不参与训练的序列：在它们上测量验证损失，但网络从不从中学习</translation>
    </message>
    <message>
        <source>Sequences the network learns from, in minibatches</source>
        <translation>网络以小批量方式从中学习的序列</translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Which part of all sequences is held out for validation. Re-split puts every sequence back in one list, in order, and moves the last part to validation</source>
        <translation>所有序列中留作验证的比例。“重新划分”会把所有序列按顺序放回同一个列表，再把最后一部分移到验证集</translation>
    </message>
    <message>
        <source>Re-split</source>
        <translation>重新划分</translation>
    </message>
    <message>
        <source>Generate…</source>
        <translation>生成…</translation>
    </message>
    <message>
        <source>Replace the data set with a generated task: noisy sine, echo, adding, copy or parity</source>
        <translation>用生成的任务替换数据集：带噪正弦波、回声、加法问题、复制模式或累计奇偶性</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Replace the data set with sequences from CSV</source>
        <translation>用 CSV 中的序列替换数据集</translation>
    </message>
    <message>
        <source>CSV file with a sequence column…</source>
        <translation>带序列编号列的 CSV 文件…</translation>
    </message>
    <message>
        <source>Folder of CSV files…</source>
        <translation>包含 CSV 文件的文件夹…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Write every sequence (training, then validation) as CSV</source>
        <translation>把所有序列（先训练序列，后验证序列）写成 CSV</translation>
    </message>
    <message>
        <source>Folder, one file per sequence…</source>
        <translation>文件夹，每个序列一个文件…</translation>
    </message>
    <message>
        <source>Remove sequence</source>
        <translation>删除序列</translation>
    </message>
    <message>
        <source>Duplicate sequence</source>
        <translation>复制序列</translation>
    </message>
    <message>
        <source>1 sequence</source>
        <translation>1 个序列</translation>
    </message>
    <message>
        <source>%1 sequences</source>
        <translation>%1 个序列</translation>
    </message>
    <message>
        <source>Training: %1</source>
        <translation>训练：%1</translation>
    </message>
    <message>
        <source>Validation: none (training alone cannot show overfitting)</source>
        <translation>验证：无（只看训练无法发现过拟合）</translation>
    </message>
    <message>
        <source>Validation: %1</source>
        <translation>验证：%1</translation>
    </message>
    <message>
        <source>Validation sequence %1</source>
        <translation>验证序列 %1</translation>
    </message>
    <message>
        <source>Training sequence %1</source>
        <translation>训练序列 %1</translation>
    </message>
    <message>
        <source>1 step</source>
        <translation>1 步</translation>
    </message>
    <message>
        <source>%1 steps</source>
        <translation>%1 步</translation>
    </message>
    <message>
        <source>%1 input and %2 target column(s)</source>
        <translation>%1 个输入列，%2 个目标列</translation>
    </message>
    <message>
        <source>The line shows the first target column</source>
        <translation>曲线显示第一个目标列</translation>
    </message>
    <message>
        <source>The line shows the first input column (only the last step has a target)</source>
        <translation>曲线显示第一个输入列（只有最后一步有目标）</translation>
    </message>
    <message>
        <source>To training</source>
        <translation>移到训练集</translation>
    </message>
    <message>
        <source>The training set needs at least one sequence</source>
        <translation>训练集至少需要一个序列</translation>
    </message>
    <message>
        <source>Move the selected sequence to the end of the training set</source>
        <translation>把选中的序列移到训练集末尾</translation>
    </message>
    <message>
        <source>Move the selected sequence to the end of the validation set, out of training</source>
        <translation>把选中的序列移到验证集末尾，不再参与训练</translation>
    </message>
    <message>
        <source>Add validation sequence</source>
        <translation>添加验证序列</translation>
    </message>
    <message>
        <source>Add training sequence</source>
        <translation>添加训练序列</translation>
    </message>
    <message>
        <source>Remove validation sequence %1</source>
        <translation>删除验证序列 %1</translation>
    </message>
    <message>
        <source>Remove training sequence %1</source>
        <translation>删除训练序列 %1</translation>
    </message>
    <message>
        <source>Duplicate validation sequence %1</source>
        <translation>复制验证序列 %1</translation>
    </message>
    <message>
        <source>Duplicate training sequence %1</source>
        <translation>复制训练序列 %1</translation>
    </message>
    <message>
        <source>Move validation sequence %1 to training</source>
        <translation>把验证序列 %1 移到训练集</translation>
    </message>
    <message>
        <source>Move training sequence %1 to validation</source>
        <translation>把训练序列 %1 移到验证集</translation>
    </message>
    <message>
        <source>Split %1 % for validation</source>
        <translation>划分 %1 % 用于验证</translation>
    </message>
    <message>
        <source>Import sequences</source>
        <translation>导入序列</translation>
    </message>
    <message>
        <source>The sequences have %1 input and %2 target columns; the network has %3 and %4. Importing them changes the network&apos;s size, so the model must be re-initialized. Import?</source>
        <translation>这些序列有 %1 个输入列和 %2 个目标列；网络有 %3 个和 %4 个。导入会改变网络的大小，因此必须重新初始化模型。要导入吗？</translation>
    </message>
    <message>
        <source>Import %1 from %2</source>
        <translation>从 %2 导入 %1</translation>
    </message>
    <message>
        <source>Cannot generate</source>
        <translation>无法生成</translation>
    </message>
    <message>
        <source>Generate %1</source>
        <translation>生成%1</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot import sequences</source>
        <translation>无法导入序列</translation>
    </message>
    <message>
        <source>Import a folder of CSV files</source>
        <translation>导入 CSV 文件夹</translation>
    </message>
    <message>
        <source>Export sequences</source>
        <translation>导出序列</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot export sequences</source>
        <translation>无法导出序列</translation>
    </message>
    <message>
        <source>Export sequences into a folder</source>
        <translation>把序列导出到文件夹</translation>
    </message>
</context>
<context>
    <name>DocumentSync</name>
    <message>
        <source>Reset now</source>
        <translation>立即重置</translation>
    </message>
    <message>
        <source>Build the edited model and start training it from its initial weights</source>
        <translation>构建修改后的模型，并从它的初始权重开始训练</translation>
    </message>
    <message>
        <source>Scale inputs to [−1, 1]</source>
        <translation>把输入缩放到 [−1, 1]</translation>
    </message>
    <message>
        <source>Map the inputs linearly onto [−1, 1] so that tanh does not saturate (Ctrl+Z undoes it)</source>
        <translation>把输入线性映射到 [−1, 1]，使 tanh 不会饱和（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>The model changed (%1). Training still runs the old model until you reset: the new one starts from its given weights.</source>
        <translation>模型已更改（%1）。在重置之前，训练仍在运行旧模型：新模型将从给定的权重开始。</translation>
    </message>
    <message>
        <source>The model changed (%1). Training still runs the old model until you reset: the new one starts from fresh initial weights (seed %2).</source>
        <translation>模型已更改（%1）。在重置之前，训练仍在运行旧模型：新模型将从新的初始权重开始（随机种子 %2）。</translation>
    </message>
    <message>
        <source>Cannot reset yet: %1</source>
        <translation>暂时无法重置：%1</translation>
    </message>
    <message>
        <source>The data is as it was: its run is back, at iteration %L1.</source>
        <translation>数据已恢复原样：它的训练也回来了，位于第 %L1 次迭代。</translation>
    </message>
    <message>
        <source>The data changed: training restarted from the initial weights (Undo brings the run back).</source>
        <translation>数据已更改：训练从初始权重重新开始（撤销可以找回原来的训练）。</translation>
    </message>
    <message>
        <source>Cannot use this session: %1</source>
        <translation>无法使用这个会话：%1</translation>
    </message>
    <message>
        <source>New model built from its given weights.</source>
        <translation>已用给定的权重构建新模型。</translation>
    </message>
    <message>
        <source>New model built from seed %1.</source>
        <translation>已用随机种子 %1 构建新模型。</translation>
    </message>
    <message>
        <source>The loss became NaN or infinite. Training paused and the last finite weights were restored; try a smaller learning rate or gradient clipping.</source>
        <translation>损失变成了 NaN 或无穷大。训练已暂停，并恢复了最后一组有限的权重；请尝试更小的学习率或梯度裁剪。</translation>
    </message>
    <message>
        <source>Training paused: see the notice above.</source>
        <translation>训练已暂停：见上方的提示。</translation>
    </message>
</context>
<context>
    <name>EditCellCommand</name>
    <message>
        <source>Edit %1 cell (t=%2, column %3)</source>
        <translation>编辑%1单元格（t=%2，第 %3 列）</translation>
    </message>
</context>
<context>
    <name>EquationsPanel</name>
    <message>
        <source>No iteration traced.</source>
        <translation>尚未追踪任何迭代。</translation>
    </message>
    <message>
        <source>No such step.</source>
        <translation>没有这个时间步。</translation>
    </message>
    <message>
        <source>Every gate reads the input and the previous state: its block of &lt;i&gt;W&lt;/i&gt;&lt;sub&gt;ih&lt;/sub&gt;·%1 + &lt;i&gt;b&lt;/i&gt;&lt;sub&gt;ih&lt;/sub&gt; + &lt;i&gt;W&lt;/i&gt;&lt;sub&gt;hh&lt;/sub&gt;·%2 + &lt;i&gt;b&lt;/i&gt;&lt;sub&gt;hh&lt;/sub&gt; gives the value before activation (ĝ), then σ or tanh.</source>
        <translation>每个门都读取输入和上一个状态：它在 &lt;i&gt;W&lt;/i&gt;&lt;sub&gt;ih&lt;/sub&gt;·%1 + &lt;i&gt;b&lt;/i&gt;&lt;sub&gt;ih&lt;/sub&gt; + &lt;i&gt;W&lt;/i&gt;&lt;sub&gt;hh&lt;/sub&gt;·%2 + &lt;i&gt;b&lt;/i&gt;&lt;sub&gt;hh&lt;/sub&gt; 中的那一块给出激活前的值（ĝ），再经过 σ 或 tanh。</translation>
    </message>
    <message>
        <source>Its loss ℓ&lt;sub&gt;%1&lt;/sub&gt; = %2 (as for every cell).</source>
        <translation>它的损失 ℓ&lt;sub&gt;%1&lt;/sub&gt; = %2（与所有单元相同）。</translation>
    </message>
    <message>
        <source>This step adds δ[gates]·%1ᵀ to d&lt;i&gt;W&lt;/i&gt;&lt;sub&gt;ih&lt;/sub&gt;, δ[gates]·%2ᵀ to d&lt;i&gt;W&lt;/i&gt;&lt;sub&gt;hh&lt;/sub&gt; and δ[gates] to both biases%3; the running sums are beside it in the stepper.</source>
        <translation>这一步把 δ[gates]·%1ᵀ 加到 d&lt;i&gt;W&lt;/i&gt;&lt;sub&gt;ih&lt;/sub&gt;，把 δ[gates]·%2ᵀ 加到 d&lt;i&gt;W&lt;/i&gt;&lt;sub&gt;hh&lt;/sub&gt;，把 δ[gates] 加到两个偏置%3；累计和显示在逐步查看器中它的旁边。</translation>
    </message>
    <message>
        <source> (on the W_hh side the n block is r ⊙ δn̂, since r scales W_hn·h + b_hn)</source>
        <translation>（在 W_hh 一侧，n 块是 r ⊙ δn̂，因为 r 缩放的是 W_hn·h + b_hn）</translation>
    </message>
    <message>
        <source>%1, %2, %3, %4, %5 → %6</source>
        <translation>%1、%2、%3、%4、%5 → %6</translation>
    </message>
    <message>
        <source>%1, %2 → %3</source>
        <translation>%1、%2 → %3</translation>
    </message>
    <message>
        <source>No target at this step (output mode “last”): %1 = 0.</source>
        <translation>这一步没有目标（输出模式“last”）：%1 = 0。</translation>
    </message>
    <message>
        <source>&lt;i&gt;L&lt;/i&gt; = ½ ‖%1 − &lt;i&gt;d&lt;/i&gt;‖² (output mode “last”: only the last step has a target)</source>
        <translation>&lt;i&gt;L&lt;/i&gt; = ½ ‖%1 − &lt;i&gt;d&lt;/i&gt;‖²（输出模式“last”：只有最后一步有目标）</translation>
    </message>
    <message>
        <source>&lt;i&gt;L&lt;/i&gt; = ½ Σ&lt;sub&gt;t&lt;/sub&gt; ‖%1 − %2‖² = Σ&lt;sub&gt;t&lt;/sub&gt; %3</source>
        <translation>&lt;i&gt;L&lt;/i&gt; = ½ Σ&lt;sub&gt;t&lt;/sub&gt; ‖%1 − %2‖² = Σ&lt;sub&gt;t&lt;/sub&gt; %3</translation>
    </message>
    <message>
        <source>&lt;i&gt;L&lt;/i&gt; = −Σ&lt;sub&gt;k&lt;/sub&gt; &lt;i&gt;d&lt;/i&gt;&lt;sub&gt;k&lt;/sub&gt; · log %1, %1 = softmax(%2)</source>
        <translation>&lt;i&gt;L&lt;/i&gt; = −Σ&lt;sub&gt;k&lt;/sub&gt; &lt;i&gt;d&lt;/i&gt;&lt;sub&gt;k&lt;/sub&gt; · log %1，%1 = softmax(%2)</translation>
    </message>
    <message>
        <source>&lt;i&gt;L&lt;/i&gt; = −Σ&lt;sub&gt;t&lt;/sub&gt; Σ&lt;sub&gt;k&lt;/sub&gt; %1 · log %2, %2 = softmax(%3)</source>
        <translation>&lt;i&gt;L&lt;/i&gt; = −Σ&lt;sub&gt;t&lt;/sub&gt; Σ&lt;sub&gt;k&lt;/sub&gt; %1 · log %2，%2 = softmax(%3)</translation>
    </message>
    <message>
        <source>&lt;i&gt;L&lt;/i&gt; = &lt;b&gt;%1&lt;/b&gt; (sum over %2 steps; largest step loss %3)</source>
        <translation>&lt;i&gt;L&lt;/i&gt; = &lt;b&gt;%1&lt;/b&gt;（对 %2 个时间步求和；最大的单步损失为 %3）</translation>
    </message>
    <message>
        <source>Its gradient for every output: %1 = ∂&lt;i&gt;L&lt;/i&gt;/∂%2 = %2 − %3</source>
        <translation>它对每个输出的梯度：%1 = ∂&lt;i&gt;L&lt;/i&gt;/∂%2 = %2 − %3</translation>
    </message>
    <message>
        <source>Its gradient for every output: %1 = ∂&lt;i&gt;L&lt;/i&gt;/∂%2 = %3 − %4</source>
        <translation>它对每个输出的梯度：%1 = ∂&lt;i&gt;L&lt;/i&gt;/∂%2 = %3 − %4</translation>
    </message>
    <message>
        <source>%1 = &lt;i&gt;W&lt;/i&gt;&lt;sub&gt;hy&lt;/sub&gt;&lt;sup&gt;T&lt;/sup&gt;·%2 &amp;nbsp;(the last step: nothing comes from later)</source>
        <translation>%1 = &lt;i&gt;W&lt;/i&gt;&lt;sub&gt;hy&lt;/sub&gt;&lt;sup&gt;T&lt;/sup&gt;·%2 &amp;nbsp;（最后一步：没有来自后面时间步的梯度）</translation>
    </message>
    <message>
        <source>This step adds to the gradients:</source>
        <translation>这一步加到梯度上的量：</translation>
    </message>
    <message>
        <source>Value clipping is off (clip_value = 0).</source>
        <translation>按值裁剪已关闭（clip_value = 0）。</translation>
    </message>
    <message>
        <source>Value clipping: &lt;i&gt;g&lt;/i&gt; ← min(max(&lt;i&gt;g&lt;/i&gt;, −%1), %1) element by element; %2 of %3 elements changed.</source>
        <translation>按值裁剪：逐元素 &lt;i&gt;g&lt;/i&gt; ← min(max(&lt;i&gt;g&lt;/i&gt;, −%1), %1)；%3 个元素中有 %2 个被改变。</translation>
    </message>
    <message>
        <source>Norm clipping is off (clip_norm = 0).</source>
        <translation>按范数裁剪已关闭（clip_norm = 0）。</translation>
    </message>
    <message>
        <source>Norm clipping: if ‖&lt;i&gt;g&lt;/i&gt;‖ &amp;gt; %1 then &lt;i&gt;g&lt;/i&gt; ← &lt;i&gt;g&lt;/i&gt; · %1 / ‖&lt;i&gt;g&lt;/i&gt;‖; %2.</source>
        <translation>按范数裁剪：若 ‖&lt;i&gt;g&lt;/i&gt;‖ &amp;gt; %1，则 &lt;i&gt;g&lt;/i&gt; ← &lt;i&gt;g&lt;/i&gt; · %1 / ‖&lt;i&gt;g&lt;/i&gt;‖；%2。</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>已执行</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>无需裁剪</translation>
    </message>
    <message>
        <source>‖&lt;i&gt;g&lt;/i&gt;‖ after clipping = %1</source>
        <translation>裁剪后 ‖&lt;i&gt;g&lt;/i&gt;‖ = %1</translation>
    </message>
    <message>
        <source>The loss or the gradients were not finite: no update was applied.</source>
        <translation>损失或梯度不是有限值：本次没有更新权重。</translation>
    </message>
    <message>
        <source>sgd: θ ← θ − η·&lt;i&gt;g&lt;/i&gt;</source>
        <translation>sgd：θ ← θ − η·&lt;i&gt;g&lt;/i&gt;</translation>
    </message>
    <message>
        <source>momentum: &lt;i&gt;v&lt;/i&gt; ← μ·&lt;i&gt;v&lt;/i&gt; + &lt;i&gt;g&lt;/i&gt;; θ ← θ − η·&lt;i&gt;v&lt;/i&gt;</source>
        <translation>momentum：&lt;i&gt;v&lt;/i&gt; ← μ·&lt;i&gt;v&lt;/i&gt; + &lt;i&gt;g&lt;/i&gt;；θ ← θ − η·&lt;i&gt;v&lt;/i&gt;</translation>
    </message>
    <message>
        <source>adagrad: &lt;i&gt;G&lt;/i&gt; ← &lt;i&gt;G&lt;/i&gt; + &lt;i&gt;g&lt;/i&gt;²; θ ← θ − η·&lt;i&gt;g&lt;/i&gt; / √(&lt;i&gt;G&lt;/i&gt; + ε)</source>
        <translation>adagrad：&lt;i&gt;G&lt;/i&gt; ← &lt;i&gt;G&lt;/i&gt; + &lt;i&gt;g&lt;/i&gt;²；θ ← θ − η·&lt;i&gt;g&lt;/i&gt; / √(&lt;i&gt;G&lt;/i&gt; + ε)</translation>
    </message>
    <message>
        <source>adam: &lt;i&gt;m&lt;/i&gt; ← β&lt;sub&gt;1&lt;/sub&gt;·&lt;i&gt;m&lt;/i&gt; + (1−β&lt;sub&gt;1&lt;/sub&gt;)·&lt;i&gt;g&lt;/i&gt;; &lt;i&gt;v&lt;/i&gt; ← β&lt;sub&gt;2&lt;/sub&gt;·&lt;i&gt;v&lt;/i&gt; + (1−β&lt;sub&gt;2&lt;/sub&gt;)·&lt;i&gt;g&lt;/i&gt;²; θ ← θ − η·(&lt;i&gt;m&lt;/i&gt;/(1−β&lt;sub&gt;1&lt;/sub&gt;&lt;sup&gt;k&lt;/sup&gt;)) / (√(&lt;i&gt;v&lt;/i&gt;/(1−β&lt;sub&gt;2&lt;/sub&gt;&lt;sup&gt;k&lt;/sup&gt;)) + ε)</source>
        <translation>adam：&lt;i&gt;m&lt;/i&gt; ← β&lt;sub&gt;1&lt;/sub&gt;·&lt;i&gt;m&lt;/i&gt; + (1−β&lt;sub&gt;1&lt;/sub&gt;)·&lt;i&gt;g&lt;/i&gt;；&lt;i&gt;v&lt;/i&gt; ← β&lt;sub&gt;2&lt;/sub&gt;·&lt;i&gt;v&lt;/i&gt; + (1−β&lt;sub&gt;2&lt;/sub&gt;)·&lt;i&gt;g&lt;/i&gt;²；θ ← θ − η·(&lt;i&gt;m&lt;/i&gt;/(1−β&lt;sub&gt;1&lt;/sub&gt;&lt;sup&gt;k&lt;/sup&gt;)) / (√(&lt;i&gt;v&lt;/i&gt;/(1−β&lt;sub&gt;2&lt;/sub&gt;&lt;sup&gt;k&lt;/sup&gt;)) + ε)</translation>
    </message>
    <message>
        <source>%1 with η = %2</source>
        <translation>%1，其中 η = %2</translation>
    </message>
    <message>
        <source>%1 (or the optimizer&apos;s own rule)</source>
        <translation>%1（或该优化器自己的规则）</translation>
    </message>
    <message>
        <source>before</source>
        <translation>更新前</translation>
    </message>
    <message>
        <source>change</source>
        <translation>变化量</translation>
    </message>
    <message>
        <source>after</source>
        <translation>更新后</translation>
    </message>
    <message>
        <source>rmsprop: &lt;i&gt;v&lt;/i&gt; ← α·&lt;i&gt;v&lt;/i&gt; + (1−α)·&lt;i&gt;g&lt;/i&gt;²; θ ← θ − η·&lt;i&gt;g&lt;/i&gt; / (√&lt;i&gt;v&lt;/i&gt; + ε)</source>
        <translation>rmsprop：&lt;i&gt;v&lt;/i&gt; ← α·&lt;i&gt;v&lt;/i&gt; + (1−α)·&lt;i&gt;g&lt;/i&gt;²；θ ← θ − η·&lt;i&gt;g&lt;/i&gt; / (√&lt;i&gt;v&lt;/i&gt; + ε)</translation>
    </message>
    <message>
        <source>‖&lt;i&gt;g&lt;/i&gt;‖ = √(Σ &lt;i&gt;g&lt;/i&gt;²) over every block&apos;s gradient = %1</source>
        <translation>‖&lt;i&gt;g&lt;/i&gt;‖ = √(Σ &lt;i&gt;g&lt;/i&gt;²)，对每个参数块的梯度求得 = %1</translation>
    </message>
    <message>
        <source> (its first %1 rows)</source>
        <translation>（其前 %1 行）</translation>
    </message>
    <message>
        <source> (its last %1 rows)</source>
        <translation>（其后 %1 行）</translation>
    </message>
    <message>
        <source>δ(layer %1&apos;s input)%2</source>
        <translation>δ（第 %1 层的输入）%2</translation>
    </message>
    <message>
        <source>, layer %1&apos;s two directions joined: [h→ ; h←]</source>
        <translation>，即第 %1 层两个方向的拼接：[h→ ; h←]</translation>
    </message>
    <message>
        <source>%1 = %2, the output of layer %3%4</source>
        <translation>%1 = %2，第 %3 层的输出%4</translation>
    </message>
    <message>
        <source>%1 = %2 ⊙ %3, the output of layer %4%5; dropout: %3 = &lt;i&gt;m&lt;/i&gt;/(1 − &lt;i&gt;p&lt;/i&gt;), &lt;i&gt;m&lt;/i&gt; = 1 with probability 1 − &lt;i&gt;p&lt;/i&gt; = %6, else 0</source>
        <translation>%1 = %2 ⊙ %3，第 %4 层的输出%5；dropout：%3 = &lt;i&gt;m&lt;/i&gt;/(1 − &lt;i&gt;p&lt;/i&gt;)，&lt;i&gt;m&lt;/i&gt; 以概率 1 − &lt;i&gt;p&lt;/i&gt; = %6 取 1，否则取 0</translation>
    </message>
    <message>
        <source>%1 of %2 values dropped at this step (this iteration&apos;s mask)</source>
        <translation>这一步丢弃了 %2 个值中的 %1 个（本次迭代的掩码）</translation>
    </message>
    <message>
        <source>%1 = [%2 ; %3], the output of layer %4 (the top), both directions joined</source>
        <translation>%1 = [%2 ; %3]，第 %4 层（最顶层）的输出，两个方向拼接</translation>
    </message>
    <message>
        <source>%1 = %2 of layer %3 (the top)</source>
        <translation>%1 = 第 %3 层（最顶层）的 %2</translation>
    </message>
    <message>
        <source>%1, %2, %3 → %4</source>
        <translation>%1，%2，%3 → %4</translation>
    </message>
    <message>
        <source>The top layer&apos;s output gets %1 = &lt;i&gt;W&lt;/i&gt;&lt;sub&gt;hy&lt;/sub&gt;ᵀ·%2 (its cells add what their own later steps send back).</source>
        <translation>最顶层的输出得到 %1 = &lt;i&gt;W&lt;/i&gt;&lt;sub&gt;hy&lt;/sub&gt;ᵀ·%2（它的单元再加上各自后续时间步传回的梯度）。</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Whole window…</source>
        <translation>整个窗口…</translation>
    </message>
    <message>
        <source>There are no trained weights yet.</source>
        <translation>还没有训练好的权重。</translation>
    </message>
    <message>
        <source>Export weights</source>
        <translation>导出权重</translation>
    </message>
    <message>
        <source>safetensors (PyTorch names) (*.safetensors);;All files (*)</source>
        <translation>safetensors（PyTorch 命名）(*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot export weights</source>
        <translation>无法导出权重</translation>
    </message>
    <message>
        <source>Import weights</source>
        <translation>导入权重</translation>
    </message>
    <message>
        <source>Cannot import weights</source>
        <translation>无法导入权重</translation>
    </message>
    <message>
        <source>Export loss history</source>
        <translation>导出损失历史</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot export loss history</source>
        <translation>无法导出损失历史</translation>
    </message>
    <message>
        <source>Export trained session</source>
        <translation>导出训练后的会话</translation>
    </message>
    <message>
        <source>RNN Lab sessions (*.rnnlab.json *.json);;All files (*)</source>
        <translation>RNN Lab 会话 (*.rnnlab.json *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot export session</source>
        <translation>无法导出会话</translation>
    </message>
    <message>
        <source>Export view as PNG</source>
        <translation>将视图导出为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Cannot export image</source>
        <translation>无法导出图像</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>RNN Lab sessions (*.rnnlab.json *.json);;All files (*)</source>
        <translation>RNN Lab 会话 (*.rnnlab.json *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>Cannot open preset</source>
        <translation>无法打开预设</translation>
    </message>
    <message>
        <source>Cannot save session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them first?</source>
        <translation>%1 有未保存的更改。先保存吗？</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>RNN Lab sessions and texts (*.rnnlab.json *.json *.txt);;RNN Lab sessions (*.rnnlab.json *.json);;Plain text, a new text session (*.txt);;All files (*)</source>
        <translation>RNN Lab 会话和文本 (*.rnnlab.json *.json *.txt);;RNN Lab 会话 (*.rnnlab.json *.json);;纯文本，新建文本会话 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open text</source>
        <translation>无法打开文本</translation>
    </message>
    <message>
        <source>Pasted text</source>
        <translation>粘贴的文本</translation>
    </message>
    <message>
        <source>Cannot use this text</source>
        <translation>无法使用这段文本</translation>
    </message>
    <message>
        <source>New text session</source>
        <translation>新建文本会话</translation>
    </message>
    <message>
        <source>Paste or type the text the network should learn to write (at least a few hundred characters; any language):</source>
        <translation>粘贴或输入要让网络学着写的文本（至少几百个字符；任何语言均可）：</translation>
    </message>
    <message>
        <source>Open session or text</source>
        <translation>打开会话或文本</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Opening session</source>
        <translation>正在打开会话</translation>
    </message>
    <message>
        <source>Reading the session (%1 MB)… %2 s</source>
        <translation>正在解析会话（%1 MB）… %2 秒</translation>
    </message>
    <message>
        <source>Preparing the model…</source>
        <translation>正在准备模型…</translation>
    </message>
    <message>
        <source>New text session from a file</source>
        <translation>从文件新建文本会话</translation>
    </message>
    <message>
        <source>Plain text, UTF-8 (*.txt *.text *.md);;All files (*)</source>
        <translation>纯文本，UTF-8 (*.txt *.text *.md);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the characters: %1%</source>
        <translation>正在检查字符：%1%</translation>
    </message>
</context>
<context>
    <name>FileJobProgress</name>
    <message>
        <source>Opening %1</source>
        <translation>正在打开 %1</translation>
    </message>
    <message>
        <source>Waiting for a cancelled open to finish…</source>
        <translation>正在等待已取消的打开操作结束…</translation>
    </message>
    <message>
        <source>Reading: %1 of %2 MB</source>
        <translation>正在读取：%1 / %2 MB</translation>
    </message>
</context>
<context>
    <name>GeneratorDialog</name>
    <message>
        <source>squared error</source>
        <translation>平方误差</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Generate a task</source>
        <translation>生成任务</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Noisy sine</source>
        <translation>带噪正弦波</translation>
    </message>
    <message>
        <source>Echo</source>
        <translation>回声</translation>
    </message>
    <message>
        <source>Adding problem</source>
        <translation>加法问题</translation>
    </message>
    <message>
        <source>Copy a pattern</source>
        <translation>复制模式</translation>
    </message>
    <message>
        <source>Running parity</source>
        <translation>累计奇偶性</translation>
    </message>
    <message>
        <source>The task the sequences pose</source>
        <translation>这些序列构成的任务</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Steps per sequence (T)</source>
        <translation>每个序列的步数（T）</translation>
    </message>
    <message>
        <source>Steps per full cycle of the sine</source>
        <translation>正弦波一个完整周期的步数</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Standard deviation of the Gaussian noise added to every value (0: a clean sine)</source>
        <translation>加到每个值上的高斯噪声的标准差（0：无噪声的正弦波）</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>How many steps back the target repeats the input (D &lt; T)</source>
        <translation>目标重复多少步之前的输入（D &lt; T）</translation>
    </message>
    <message>
        <source>Steps per sequence (T): how far apart the two marked values can be</source>
        <translation>每个序列的步数（T）：两个被标记的值最远可以相隔多远</translation>
    </message>
    <message>
        <source>Pattern length</source>
        <translation>模式长度</translation>
    </message>
    <message>
        <source>Symbols to remember (K)</source>
        <translation>要记住的符号数（K）</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Blank steps between the pattern and the go marker (G)</source>
        <translation>模式与开始标记之间的空白步数（G）</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>符号数</translation>
    </message>
    <message>
        <source>Different symbols a pattern is drawn from (S)</source>
        <translation>模式可选用的不同符号个数（S）</translation>
    </message>
    <message>
        <source>Bits per sequence (T)</source>
        <translation>每个序列的位数（T）</translation>
    </message>
    <message>
        <source>Sequences</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Sequences the network learns from</source>
        <translation>网络从中学习的序列</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Sequences drawn the same way but only measured, never learned from: they show whether the network generalizes</source>
        <translation>按同样方式生成、但只用于测量而从不用于学习的序列：它们能显示网络是否具备泛化能力</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>The same seed and options always give the same sequences</source>
        <translation>相同的种子和选项总是生成相同的序列</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Predict the next value of a noisy sine with a random phase. The network must find the phase from what it has seen so far. Compare the validation loss with the training loss, and watch free-running predictions drift away from the curve as they feed on their own errors.</source>
        <translation>预测一个相位随机的带噪正弦波的下一个值。网络必须根据目前看到的值推断出相位。请比较验证损失和训练损失，并观察自由运行的预测如何因为不断以自己的误差为输入而逐渐偏离曲线。</translation>
    </message>
    <message>
        <source>Repeat the input of the step before.</source>
        <translation>重复上一步的输入。</translation>
    </message>
    <message>
        <source>Repeat the input from %1 steps ago.</source>
        <translation>重复 %1 步之前的输入。</translation>
    </message>
    <message>
        <source>The network has to hold the last few inputs in its hidden state: a pure short-term memory task.</source>
        <translation>网络必须把最近的几个输入保存在隐藏状态中：这是一个纯粹的短期记忆任务。</translation>
    </message>
    <message>
        <source>Two of the values are marked; at the last step, output their sum. The marks can be far apart, so the gradient must flow back many steps: a plain RNN struggles as the sequences grow, an LSTM or GRU copes.</source>
        <translation>其中两个值被标记；在最后一步输出它们的和。两个标记可能相隔很远，所以梯度必须向回传很多步：序列变长时普通 RNN 难以应付，LSTM 或 GRU 则能胜任。</translation>
    </message>
    <message>
        <source>See a pattern of %1 symbols, wait %2 blank steps, then, at the go marker, replay the pattern. Memory over a gap, with one-hot inputs and a softmax output.</source>
        <translation>先看一个由 %1 个符号组成的模式，等待 %2 个空白步，然后在开始标记处重放这个模式。这是跨越间隔的记忆任务，使用独热输入和 softmax 输出。</translation>
    </message>
    <message>
        <source>Output whether an odd number of ones has been seen so far. Every bit flips the answer, so one bit of state must be kept exactly; hard to learn by gradient descent.</source>
        <translation>输出到目前为止看到的 1 的个数是否为奇数。每一位都会翻转答案，所以必须精确地保持一位状态；用梯度下降很难学会。</translation>
    </message>
    <message>
        <source>%1 training and %2 validation sequences of %3 steps.</source>
        <translation>%1 个训练序列和 %2 个验证序列，每个 %3 步。</translation>
    </message>
    <message>
        <source>Network: inputs %1, outputs %2, %3 loss, %4.</source>
        <translation>网络：%1 个输入，%2 个输出，%3损失，%4。</translation>
    </message>
    <message>
        <source>a target at the last step only</source>
        <translation>只有最后一步有目标</translation>
    </message>
    <message>
        <source>a target at every step</source>
        <translation>每一步都有目标</translation>
    </message>
    <message>
        <source>This replaces the data set and re-initializes the network.</source>
        <translation>这会替换数据集并重新初始化网络。</translation>
    </message>
</context>
<context>
    <name>GradientCheckPanel</name>
    <message>
        <source>Run gradient check</source>
        <translation>运行梯度检验</translation>
    </message>
    <message>
        <source>Compare backpropagation&apos;s gradients with central finite differences of the loss</source>
        <translation>将反向传播得到的梯度与损失的中心有限差分进行比较</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Checked elements</source>
        <translation>检验的元素数</translation>
    </message>
    <message>
        <source>Max relative error</source>
        <translation>最大相对误差</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No model yet.</source>
        <translation>还没有模型。</translation>
    </message>
    <message>
        <source>Cannot check: %1</source>
        <translation>无法检验：%1</translation>
    </message>
    <message>
        <source>The model has %1 parameters, more than %2: each check samples up to %3 elements of every block (seed %4), two forward passes each.</source>
        <translation>模型有 %1 个参数，超过 %2 个：每次检验从每个参数块中最多抽取 %3 个元素（随机种子 %4），每个元素做两次前向传播。</translation>
    </message>
    <message>
        <source>All %1 parameters are checked, two forward passes each.</source>
        <translation>检验全部 %1 个参数，每个参数做两次前向传播。</translation>
    </message>
    <message>
        <source>What to expect: a correct backpropagation passes with every error below the tolerance %1. Errors of 1e-8 to 1e-6 are normal: the finite difference (step h = %2) carries rounding noise of about 1e-11·|L|, which is large relative to the smallest gradients (e.g. of saturated tanh units). A wrong formula gives errors near 1.</source>
        <translation>预期结果：正确的反向传播能通过检验，所有误差都低于容差 %1。1e-8 到 1e-6 的误差是正常的：有限差分（步长 h = %2）带有约 1e-11·|L| 的舍入噪声，相对于最小的梯度（例如饱和 tanh 单元的梯度）这已经很大。公式写错时误差接近 1。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检验…</translation>
    </message>
    <message>
        <source>Not checked yet. Errors below %1 mean backpropagation and the finite differences agree.</source>
        <translation>尚未检验。误差低于 %1 表示反向传播与有限差分一致。</translation>
    </message>
    <message>
        <source>Cannot check: the loss is %1 — the weights or the inputs are too large.</source>
        <translation>无法检验：损失为 %1 —— 权重或输入太大。</translation>
    </message>
    <message>
        <source>Passed: every error is at most the tolerance %1 (worst %2).</source>
        <translation>通过：所有误差都不超过容差 %1（最大 %2）。</translation>
    </message>
    <message>
        <source>FAILED: %1&apos;s error %2 is above the tolerance %3.</source>
        <translation>未通过：%1 的误差 %2 高于容差 %3。</translation>
    </message>
    <message>
        <source> (The model or data changed since this check: run it again.)</source>
        <translation>（此次检验之后模型或数据已改变：请重新运行。）</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>✓ below %1</source>
        <translation>✓ 低于 %1</translation>
    </message>
    <message>
        <source>✗ above %1</source>
        <translation>✗ 高于 %1</translation>
    </message>
    <message>
        <source>Teaching: the blog&apos;s bugs are on (%1), so the gradient checked is the blog&apos;s, wrong on purpose: expect errors of order 1 where a bug changes the gradient.</source>
        <translation>教学：博客中的错误已打开（%1），因此检验的是博客中故意算错的梯度：在错误影响梯度的地方，误差会达到 1 的量级。</translation>
    </message>
    <message>
        <source>As it should: this was the blog&apos;s gradient (%1), not the true one.</source>
        <translation>符合预期：这是博客的梯度（%1），不是真实的梯度。</translation>
    </message>
</context>
<context>
    <name>GradientFlowStrip</name>
    <message>
        <source>0 (exactly)</source>
        <translation>0（精确）</translation>
    </message>
    <message>
        <source>Clipping: no iterations yet</source>
        <translation>裁剪：还没有迭代</translation>
    </message>
    <message>
        <source>Clipping acted in %1 of %2 iterations (%3 %)</source>
        <translation>在 %2 次迭代中有 %1 次执行了裁剪（%3 %）</translation>
    </message>
    <message>
        <source> · last ‖g‖ %1, not clipped</source>
        <translation> · 最近一次 ‖g‖ %1，未裁剪</translation>
    </message>
    <message>
        <source> · last ‖g‖ %1 → %2</source>
        <translation> · 最近一次 ‖g‖ %1 → %2</translation>
    </message>
    <message>
        <source>Clipping: none yet</source>
        <translation>裁剪：尚未发生</translation>
    </message>
    <message>
        <source>Clipped %1/%2 (%3 %) · ‖g‖ %4 → %5</source>
        <translation>已裁剪 %1/%2（%3 %）· ‖g‖ %4 → %5</translation>
    </message>
    <message>
        <source>‖δ gates‖</source>
        <translation>‖δ 门‖</translation>
    </message>
    <message>
        <source>‖δa_t‖</source>
        <translation>‖δa_t‖</translation>
    </message>
    <message>
        <source>t = %1 of %2
‖∂L/∂h_t‖ = %3
%4 = %5</source>
        <translation>t = %1 / %2
‖∂L/∂h_t‖ = %3
%4 = %5</translation>
    </message>
    <message>
        <source>
‖∂L/∂c_t‖ = %1</source>
        <translation>
‖∂L/∂c_t‖ = %1</translation>
    </message>
    <message>
        <source>‖∂L/∂h_t‖</source>
        <translation>‖∂L/∂h_t‖</translation>
    </message>
    <message>
        <source>‖∂L/∂c_t‖</source>
        <translation>‖∂L/∂c_t‖</translation>
    </message>
    <message>
        <source>Gradient flow through time</source>
        <translation>梯度随时间的流动</translation>
    </message>
    <message>
        <source>No backward pass yet</source>
        <translation>还没有反向传播</translation>
    </message>
    <message>
        <source>norm (log scale)</source>
        <translation>范数（对数刻度）</translation>
    </message>
    <message>
        <source>time step t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <source>   (backpropagation runs from t = %1 back to t = 1 ←)</source>
        <translation>   （反向传播从 t = %1 回到 t = 1 ←）</translation>
    </message>
    <message>
        <source>Gradient flow through time · %1</source>
        <translation>梯度随时间的流动 · %1</translation>
    </message>
</context>
<context>
    <name>HeatmapWidget</name>
    <message>
        <source>%1 · %2
value %3
exact %4</source>
        <translation>%1 · %2
值 %3
精确值 %4</translation>
    </message>
    <message>
        <source>row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>HiddenStateHeatmap</name>
    <message>
        <source>input gate i_t = σ(·)</source>
        <translation>输入门 i_t = σ(·)</translation>
    </message>
    <message>
        <source>forget gate f_t = σ(·)</source>
        <translation>遗忘门 f_t = σ(·)</translation>
    </message>
    <message>
        <source>candidate g_t = tanh(·)</source>
        <translation>候选值 g_t = tanh(·)</translation>
    </message>
    <message>
        <source>output gate o_t = σ(·)</source>
        <translation>输出门 o_t = σ(·)</translation>
    </message>
    <message>
        <source>reset gate r_t = σ(·)</source>
        <translation>重置门 r_t = σ(·)</translation>
    </message>
    <message>
        <source>update gate z_t = σ(·)</source>
        <translation>更新门 z_t = σ(·)</translation>
    </message>
    <message>
        <source>candidate n_t = tanh(·)</source>
        <translation>候选值 n_t = tanh(·)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>The hidden state h_t, and for gated cells the LSTM&apos;s cell state c_t or one gate&apos;s activations (units × time steps).</source>
        <translation>隐藏状态 h_t；对门控单元，还可显示 LSTM 的细胞状态 c_t 或某个门的激活值（隐藏单元 × 时间步）。</translation>
    </message>
    <message>
        <source>hidden unit</source>
        <translation>隐藏单元</translation>
    </message>
    <message>
        <source>time step</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>hidden state h_t</source>
        <translation>隐藏状态 h_t</translation>
    </message>
    <message>
        <source>cell state c_t</source>
        <translation>细胞状态 c_t</translation>
    </message>
    <message>
        <source>Hidden state h_t</source>
        <translation>隐藏状态 h_t</translation>
    </message>
    <message>
        <source>Cell state c_t (its own scale, ±%1)</source>
        <translation>细胞状态 c_t（单独的色标，±%1）</translation>
    </message>
    <message>
        <source>Gate %1 (scale ±1, like h_t)</source>
        <translation>门 %1（色标 ±1，与 h_t 相同）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>HistoryBar</name>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source> History </source>
        <translation> 历史 </translation>
    </message>
    <message>
        <source>Rewind: every view shows the weights kept at that iteration (long runs keep every 2nd, 4th, … iteration). Training pauses; &quot;Live&quot; returns.</source>
        <translation>回放：所有视图显示在该次迭代时保存的权重（长时间训练只保留每第 2、4、… 次迭代）。训练会暂停；点“实时”返回。</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Back to the current iteration</source>
        <translation>回到当前迭代</translation>
    </message>
    <message>
        <source>Continue from here</source>
        <translation>从这里继续</translation>
    </message>
    <message>
        <source>Start a new run from the rewound weights with the current settings (change the learning rate first to compare); the old run stays in Compare runs</source>
        <translation>用回放到的权重和当前设置开始新的一次运行（可以先改学习率再比较）；旧的运行保留在“比较运行”中</translation>
    </message>
    <message>
        <source>What-if edits</source>
        <translation>试算编辑</translation>
    </message>
    <message>
        <source>While paused, an edited input cell is tried without training (double-click a weight to try another value for it); Apply keeps the edit</source>
        <translation>暂停时，编辑过的输入单元格会不经训练直接试算（双击某个权重可试另一个值）；点“应用”保留这次编辑</translation>
    </message>
    <message>
        <source>Rewound to %L1 of %L2</source>
        <translation>已回放到 %L1 / %L2</translation>
    </message>
    <message>
        <source>Live, iteration %L1</source>
        <translation>实时，第 %L1 次迭代</translation>
    </message>
</context>
<context>
    <name>InterfaceLanguage</name>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language applies when RNN Lab is started again.</source>
        <translation>新的语言将在重新启动 RNN Lab 后生效。</translation>
    </message>
</context>
<context>
    <name>IterationStepperPanel</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Previous phase (Alt+Left; Home goes to the first)</source>
        <translation>上一个阶段（Alt+Left；Home 跳到第一个）</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Next phase (Alt+Right; End goes to the last)</source>
        <translation>下一个阶段（Alt+Right；End 跳到最后一个）</translation>
    </message>
    <message>
        <source>Every phase of the iteration: forward t = 1..T, loss, backward t = T..1, clip, update (Alt+Left / Alt+Right step, Home / End jump)</source>
        <translation>一次迭代的每个阶段：前向 t = 1..T、损失、反向 t = T..1、裁剪、更新（Alt+Left / Alt+Right 单步，Home / End 跳转）</translation>
    </message>
    <message>
        <source>gates below →</source>
        <translation>下方各门 →</translation>
    </message>
    <message>
        <source>⊙ activation′ →</source>
        <translation>⊙ 激活函数导数 →</translation>
    </message>
    <message>
        <source>added to →</source>
        <translation>累加到 →</translation>
    </message>
    <message>
        <source>clip →</source>
        <translation>裁剪 →</translation>
    </message>
    <message>
        <source>No iteration traced</source>
        <translation>尚未追踪任何迭代</translation>
    </message>
    <message>
        <source>Pause training and trace an iteration to step through it.</source>
        <translation>暂停训练并追踪一次迭代，即可逐步查看。</translation>
    </message>
    <message>
        <source>iteration %1%2</source>
        <translation>第 %1 次迭代%2</translation>
    </message>
    <message>
        <source> (diverged: no update)</source>
        <translation>（发散：未更新）</translation>
    </message>
    <message>
        <source>%1 of %2 elements were clipped to [−c, c]</source>
        <translation>%2 个元素中有 %1 个被裁剪到 [−c, c]</translation>
    </message>
    <message>
        <source>the norm was scaled down</source>
        <translation>范数被按比例缩小</translation>
    </message>
    <message>
        <source>the norm was not clipped</source>
        <translation>范数未被裁剪</translation>
    </message>
    <message>
        <source>%1 of %2 elements were clipped to [−%3, %3]</source>
        <translation>%2 个元素中有 %1 个被裁剪到 [−%3, %3]</translation>
    </message>
    <message>
        <source>value clipping is off</source>
        <translation>按值裁剪已关闭</translation>
    </message>
    <message>
        <source>norm clipping is off</source>
        <translation>按范数裁剪已关闭</translation>
    </message>
    <message>
        <source>‖g‖ was above %1, so every gradient was scaled by %1 / ‖g‖</source>
        <translation>‖g‖ 超过了 %1，所以每个梯度都乘以 %1 / ‖g‖</translation>
    </message>
    <message>
        <source>‖g‖ stayed within %1, no norm clipping</source>
        <translation>‖g‖ 未超过 %1，无需按范数裁剪</translation>
    </message>
    <message>
        <source>‖g‖ = %1 before clipping, %2 after; %3; %4.</source>
        <translation>裁剪前 ‖g‖ = %1，裁剪后 %2；%3；%4。</translation>
    </message>
    <message>
        <source>The optimizer&apos;s step</source>
        <translation>优化器的一步</translation>
    </message>
    <message>
        <source>sgd: θ ← θ − η·g with η = %1</source>
        <translation>sgd：θ ← θ − η·g，其中 η = %1</translation>
    </message>
    <message>
        <source>momentum: v ← μ·v + g, θ ← θ − η·v with η = %1, μ = %2</source>
        <translation>momentum：v ← μ·v + g，θ ← θ − η·v，其中 η = %1，μ = %2</translation>
    </message>
    <message>
        <source>adagrad: G ← G + g², θ ← θ − η·g / √(G + ε) with η = %1</source>
        <translation>adagrad：G ← G + g²，θ ← θ − η·g / √(G + ε)，其中 η = %1</translation>
    </message>
    <message>
        <source>adam: θ ← θ − η·m̂ / (√v̂ + ε) with η = %1</source>
        <translation>adam：θ ← θ − η·m̂ / (√v̂ + ε)，其中 η = %1</translation>
    </message>
    <message>
        <source>The iteration diverged, so no update was applied.</source>
        <translation>这次迭代发散了，因此没有执行更新。</translation>
    </message>
    <message>
        <source>%1. The change is after − before.</source>
        <translation>%1。变化量 = 更新后 − 更新前。</translation>
    </message>
    <message>
        <source>rmsprop: v ← α·v + (1 − α)·g², θ ← θ − η·g / (√v + ε) with η = %1, α = %2</source>
        <translation>rmsprop：v ← α·v + (1 − α)·g²，θ ← θ − η·g / (√v + ε)，其中 η = %1，α = %2</translation>
    </message>
    <message>
        <source>Text in %1 streams: this traces stream 0 (its values, loss and gradient); the clipping and the update are the iteration&apos;s, from the mean over the streams.</source>
        <translation>文本分成 %1 条流：这里追踪第 0 条流（它的数值、损失和梯度）；裁剪和更新则属于整次迭代，来自所有流的平均。</translation>
    </message>
    <message>
        <source>Dropout p = %1 (training only): between layers each value is kept with probability %2 and scaled by 1/(1 − p), else set to 0; the masks shown are the ones this traced iteration drew, in the spec&apos;s order.</source>
        <translation>Dropout p = %1（仅训练时）：层与层之间每个值以概率 %2 保留并乘以 1/(1 − p)，否则置 0；这里显示的掩码就是本次被追踪的迭代按规范顺序抽取的掩码。</translation>
    </message>
</context>
<context>
    <name>JacobianNormChart</name>
    <message>
        <source>Not computed here: T·S³ = %L1 multiply-adds is too many for the window (S = %2 state numbers). The memory view shows how far back the outputs look.</source>
        <translation>此处不计算：T·S³ = %L1 次乘加运算，对这个窗口来说太多了（S = %2 个状态数）。记忆视图显示输出能回看多远。</translation>
    </message>
    <message>
        <source>No forward pass yet.</source>
        <translation>还没有前向传播。</translation>
    </message>
    <message>
        <source>s = (h, c)</source>
        <translation>s = (h, c)</translation>
    </message>
    <message>
        <source>s = h</source>
        <translation>s = h</translation>
    </message>
    <message>
        <source>For a gated cell Whh&apos;s eigenvalues do not say how long it remembers; the Jacobian of each step does. Blue: ‖∂h_t/∂h_{t−1}‖₂ per step. Red: ‖∂s_t/∂s_0‖₂ (%1), how strongly a change of the initial state still reaches step t. Log scale.</source>
        <translation>对门控单元，Whh 的特征值并不能说明它能记住多久；每一步的雅可比矩阵才能说明。蓝色：每一步的 ‖∂h_t/∂h_{t−1}‖₂。红色：‖∂s_t/∂s_0‖₂（%1），即初始状态的变化传到第 t 步时还剩多强。对数刻度。</translation>
    </message>
    <message>
        <source>time step t = 1 … %1</source>
        <translation>时间步 t = 1 … %1</translation>
    </message>
    <message>
        <source>For a gated cell Whh&apos;s eigenvalues do not say how long it remembers; the Jacobian of each step does. This reverse cell reads from t = T back to 1. Blue: ‖∂h_t/∂h_{t+1}‖₂ per step. Red: ‖∂s_t/∂s_{T+1}‖₂ (%1), how strongly a change of its initial state still reaches step t. Log scale.</source>
        <translation>对门控单元，Whh 的特征值并不能说明它能记住多久；每一步的雅可比矩阵才能说明。这个反向单元从 t = T 读回到 1。蓝色：每一步的 ‖∂h_t/∂h_{t+1}‖₂。红色：‖∂s_t/∂s_{T+1}‖₂（%1），即它的初始状态的变化传到第 t 步时还剩多强。对数刻度。</translation>
    </message>
</context>
<context>
    <name>KStepPredictionView</name>
    <message>
        <source>%1-step</source>
        <translation>%1 步</translation>
    </message>
    <message>
        <source>1 step ahead</source>
        <translation>向前 1 步</translation>
    </message>
    <message>
        <source>%1 steps ahead</source>
        <translation>向前 %1 步</translation>
    </message>
    <message>
        <source>step t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Free run from step</source>
        <translation>自由运行起始步</translation>
    </message>
    <message>
        <source>The network sees the true inputs before this step; from here on it is fed its own predictions (the purple curve)</source>
        <translation>在这一步之前，网络看到的是真实输入；从这一步开始，输入的是它自己的预测（紫色曲线）</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>The output column drawn</source>
        <translation>绘制的输出列</translation>
    </message>
    <message>
        <source>1</source>
        <translation>1</translation>
    </message>
    <message>
        <source>One-step predictions: each step predicted from the true inputs before it</source>
        <translation>单步预测：每一步都根据它之前的真实输入来预测</translation>
    </message>
    <message>
        <source>%1-step-ahead predictions: each step predicted from the true inputs up to %1 steps before it, then %2 of the network&apos;s own predictions fed back</source>
        <translation>向前 %1 步预测：每一步的预测先使用截至 %1 步之前的真实输入，再反馈网络自己的 %2 个预测</translation>
    </message>
    <message>
        <source>free run</source>
        <translation>自由运行</translation>
    </message>
    <message>
        <source>steps ahead:</source>
        <translation>向前步数：</translation>
    </message>
    <message>
        <source>Mean squared error of each curve against the targets of the shown column, over the steps it predicts</source>
        <translation>每条曲线相对于所显示列的目标的均方误差，按它所预测的时间步计算</translation>
    </message>
    <message>
        <source>y%1</source>
        <translation>y%1</translation>
    </message>
    <message>
        <source>The sequence does not fit the network (%1 inputs and %2 outputs)</source>
        <translation>该序列与网络不匹配（%1 个输入，%2 个输出）</translation>
    </message>
    <message>
        <source>free run from %1</source>
        <translation>从 %1 开始自由运行</translation>
    </message>
    <message>
        <source>No numeric sequence to predict</source>
        <translation>没有可预测的数值序列</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>free run: %1</source>
        <translation>自由运行：%1</translation>
    </message>
    <message>
        <source>Mean squared error — %1</source>
        <translation>均方误差 —— %1</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>Multi-step prediction needs as many outputs as inputs (each output predicting the next input); this network has %1 inputs and %2 outputs.</source>
        <translation>多步预测要求输出个数与输入个数相同（每个输出预测下一个输入）；这个网络有 %1 个输入和 %2 个输出。</translation>
    </message>
    <message>
        <source>━ target</source>
        <translation>━ 目标</translation>
    </message>
    <message>
        <source>The targets of the shown column</source>
        <translation>所显示列的目标</translation>
    </message>
</context>
<context>
    <name>LayerPicker</name>
    <message>
        <source>The layer this view shows, numbered from 0: layer 0 reads x_t, each layer above reads the outputs of the one below, and y_t reads the top one. Its weights are the blocks named _l0, _l1, …</source>
        <translation>此视图显示的层，从 0 开始编号：第 0 层读取 x_t，上面的每一层读取下一层的输出，y_t 读取最上层。它的权重是名为 _l0、_l1、… 的参数块。</translation>
    </message>
    <message>
        <source>Forward: the cell that reads the sequence from t = 1. Reverse: the cell that reads it from t = T (blocks named _reverse); its state at step t has read x_t … x_T.</source>
        <translation>正向：从 t = 1 开始读序列的单元。反向：从 t = T 开始读序列的单元（参数块名带 _reverse）；它在第 t 步的状态已读过 x_t … x_T。</translation>
    </message>
</context>
<context>
    <name>LessonActions</name>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>Open lesson file…</source>
        <translation>打开课程文件…</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>RNN Lab lessons (*.rnnlab-lesson.json *.json);;All files (*)</source>
        <translation>RNN Lab 课程 (*.rnnlab-lesson.json *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open the lesson</source>
        <translation>无法打开课程</translation>
    </message>
</context>
<context>
    <name>LessonFile</name>
    <message>
        <source>expected a text</source>
        <translation>应为文本</translation>
    </message>
    <message>
        <source>expected a list of names</source>
        <translation>应为名称列表</translation>
    </message>
    <message>
        <source>expected a name</source>
        <translation>应为名称</translation>
    </message>
    <message>
        <source>expected a number above %1</source>
        <translation>应为大于 %1 的数</translation>
    </message>
    <message>
        <source>unknown key (expected one of %1)</source>
        <translation>未知的键（应为 %1 之一）</translation>
    </message>
    <message>
        <source>expected an object with title and %1</source>
        <translation>应为包含 title 和 %1 的对象</translation>
    </message>
    <message>
        <source>expected one of %1</source>
        <translation>应为 %1 之一</translation>
    </message>
    <message>
        <source>expected true</source>
        <translation>应为 true</translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation>应为对象</translation>
    </message>
    <message>
        <source>expected a session object</source>
        <translation>应为会话对象</translation>
    </message>
    <message>
        <source>expected an object of setting keys and values, e.g. {&quot;training.learning_rate&quot;: 0.5}</source>
        <translation>应为由设置键和值组成的对象，例如 {&quot;training.learning_rate&quot;: 0.5}</translation>
    </message>
    <message>
        <source>only model.… and training.… settings can be set</source>
        <translation>只能设置 model.… 和 training.… 设置项</translation>
    </message>
    <message>
        <source>expected a whole number of iterations</source>
        <translation>迭代次数应为整数</translation>
    </message>
    <message>
        <source>expected an object with one condition, e.g. {&quot;iteration_at_least&quot;: 300}</source>
        <translation>应为只含一个条件的对象，例如 {&quot;iteration_at_least&quot;: 300}</translation>
    </message>
    <message>
        <source>expected a setting key such as training.clip_value</source>
        <translation>应为设置键，例如 training.clip_value</translation>
    </message>
    <message>
        <source>unknown condition (expected iteration_at_least, loss_below, validation_rising, phase, changed, pressed or diverged)</source>
        <translation>未知的条件（应为 iteration_at_least、loss_below、validation_rising、phase、changed、pressed 或 diverged）</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>expected &quot;rnnlab-lesson&quot;</source>
        <translation>应为 &quot;rnnlab-lesson&quot;</translation>
    </message>
    <message>
        <source>expected %1 (this RNN Lab reads version %1)</source>
        <translation>应为 %1（这个版本的 RNN Lab 读取的是版本 %1）</translation>
    </message>
    <message>
        <source>expected either a preset or a session</source>
        <translation>应为预设或会话（二者之一）</translation>
    </message>
    <message>
        <source>expected a list of at least one step</source>
        <translation>应为至少包含一个步骤的列表</translation>
    </message>
    <message>
        <source>not JSON (%1 at character %2)</source>
        <translation>不是 JSON（第 %2 个字符处：%1）</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>应为 JSON 对象</translation>
    </message>
    <message>
        <source>%1: neither a lesson file nor a lesson&apos;s name (%2)</source>
        <translation>%1：既不是课程文件，也不是课程名称（%2）</translation>
    </message>
    <message>
        <source>expected a whole number of iterations up to 1,000,000,000</source>
        <translation>应为不超过 1,000,000,000 的整数迭代次数</translation>
    </message>
    <message>
        <source>expected an object of claims</source>
        <translation>应为一个声明对象</translation>
    </message>
    <message>
        <source>expected [value, tolerance], e.g. [0.667, 0.01]</source>
        <translation>应为 [数值, 容差]，例如 [0.667, 0.01]</translation>
    </message>
    <message>
        <source>expected passes or fails</source>
        <translation>应为 passes 或 fails</translation>
    </message>
    <message>
        <source>expected [fewest, most] steps, e.g. [20, 120]</source>
        <translation>应为 [最少, 最多] 步，例如 [20, 120]</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Restart lesson</source>
        <translation>重新开始课程</translation>
    </message>
    <message>
        <source>Leave lesson (keep the session)</source>
        <translation>退出课程（保留会话）</translation>
    </message>
    <message>
        <source>The previous step (Alt+Page Up)</source>
        <translation>上一步（Alt+Page Up）</translation>
    </message>
    <message>
        <source>The next step (Alt+Page Down); a teacher may skip a step</source>
        <translation>下一步（Alt+Page Down）；老师可以跳过某一步</translation>
    </message>
    <message>
        <source>Open the lesson&apos;s session again and start at its first step</source>
        <translation>重新打开课程的会话，并从第一步开始</translation>
    </message>
    <message>
        <source>Close the lesson and show every control again; the session stays as it is</source>
        <translation>关闭课程并重新显示所有控件；会话保持不变</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
</context>
<context>
    <name>LessonRunner</name>
    <message>
        <source>forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>clipping</source>
        <translation>裁剪</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Check gradients</source>
        <translation>运行梯度检验</translation>
    </message>
    <message>
        <source>no session to change</source>
        <translation>没有可更改的会话</translation>
    </message>
    <message>
        <source>preset %1: %2</source>
        <translation>预设 %1：%2</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>session.%1</source>
        <translation>session.%1</translation>
    </message>
    <message>
        <source>set %1: %2</source>
        <translation>设置 %1：%2</translation>
    </message>
    <message>
        <source>no text samples to set the temperature of</source>
        <translation>没有可设置温度的文本采样</translation>
    </message>
    <message>
        <source>nothing to train</source>
        <translation>没有可训练的内容</translation>
    </message>
    <message>
        <source>no %1 button</source>
        <translation>没有“%1”按钮</translation>
    </message>
    <message>
        <source>Train to iteration %L1.</source>
        <translation>训练到第 %L1 次迭代。</translation>
    </message>
    <message>
        <source>Train until the loss is below %L1.</source>
        <translation>训练到损失低于 %L1。</translation>
    </message>
    <message>
        <source>Train until the validation loss rises.</source>
        <translation>训练到验证损失开始上升。</translation>
    </message>
    <message>
        <source>Step to the %1 phase in Step through.</source>
        <translation>在“逐步查看”中前进到%1阶段。</translation>
    </message>
    <message>
        <source>Change %1.</source>
        <translation>更改 %1。</translation>
    </message>
    <message>
        <source>Press %1.</source>
        <translation>按“%1”。</translation>
    </message>
    <message>
        <source>Train until training breaks down.</source>
        <translation>一直训练，直到训练崩溃。</translation>
    </message>
    <message>
        <source>✓ Done: press Next.</source>
        <translation>✓ 完成：请点“下一步”。</translation>
    </message>
    <message>
        <source>✓ Done: that was the last step.</source>
        <translation>✓ 完成：这是最后一步。</translation>
    </message>
</context>
<context>
    <name>LossChart</name>
    <message>
        <source>Drag: zoom to a box · wheel: zoom · right-drag: pan · double-click: fit</source>
        <translation>拖动：框选放大 · 滚轮：缩放 · 右键拖动：平移 · 双击：适应窗口</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Show all iterations and follow new ones (double-click, Home)</source>
        <translation>显示所有迭代并跟随新的迭代（双击，Home）</translation>
    </message>
    <message>
        <source>no iterations yet</source>
        <translation>还没有迭代</translation>
    </message>
    <message>
        <source>latest: </source>
        <translation>最新：</translation>
    </message>
    <message>
        <source>%1iteration %2   loss %3</source>
        <translation>%1第 %2 次迭代   损失 %3</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Loss per character</source>
        <translation>每字符损失</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>Loss per chunk</source>
        <translation>每块损失</translation>
    </message>
    <message>
        <source>Perplexity = exp(loss per character): about how many characters the network still hesitates between (the vocabulary size when it knows nothing, 1 when it is sure)</source>
        <translation>困惑度 = exp(每字符损失)：大约表示网络还在多少个字符之间犹豫（什么都不懂时等于词表大小，完全确定时为 1）</translation>
    </message>
    <message>
        <source>%1iteration %2   loss/char %3   perplexity %4</source>
        <translation>%1第 %2 次迭代   每字符损失 %3   困惑度 %4</translation>
    </message>
    <message>
        <source>%1iterations %2–%3 (one bucket)   mean %4   min %5   max %6</source>
        <translation>%1迭代 %2–%3（一个桶）   平均 %4   最小 %5   最大 %6</translation>
    </message>
    <message>
        <source>%1 %2 (it. %3)</source>
        <translation>%1 %2（第 %3 次迭代）</translation>
    </message>
    <message>
        <source>from iteration %L1 (earlier losses not saved)</source>
        <translation>从第 %L1 次迭代起（之前的损失未保存）</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Open this session file.</source>
        <translation>打开这个会话文件。</translation>
    </message>
    <message>
        <source>Train N iterations right away.</source>
        <translation>立即训练 N 次迭代。</translation>
    </message>
    <message>
        <source>Train (see --train), save a PNG of the window to PATH and exit.</source>
        <translation>训练（见 --train），把窗口截图保存为 PNG 到 PATH，然后退出。</translation>
    </message>
    <message>
        <source>Window size, e.g. 1440x900.</source>
        <translation>窗口大小，例如 1440x900。</translation>
    </message>
    <message>
        <source>Raise this dock before the screenshot (repeatable), e.g. stepper, diagram, gradientFlow, spectrum, gradientCheck, compareRuns.</source>
        <translation>截图前把这个停靠窗口提到前面（可重复），例如 stepper、diagram、gradientFlow、spectrum、gradientCheck、compareRuns。</translation>
    </message>
    <message>
        <source>Before the screenshot, rewind every view to iteration K (the history timeline).</source>
        <translation>截图前把所有视图回放到第 K 次迭代（历史时间线）。</translation>
    </message>
    <message>
        <source>After --rewind, continue from there as a new run with this learning rate and train --train iterations more (the old run stays in Compare runs).</source>
        <translation>在 --rewind 之后，以这个学习率从那里开始新的一次运行，并再训练 --train 次迭代（旧的运行保留在“比较运行”中）。</translation>
    </message>
    <message>
        <source>Before the screenshot, run the gradient check panel&apos;s check.</source>
        <translation>截图前运行梯度检验面板的检验。</translation>
    </message>
    <message>
        <source>Speak this language (en, zh_CN or system) instead of the one chosen in View → Language; it is not stored.</source>
        <translation>使用这种语言（en、zh_CN 或 system），而不是“视图 → 语言”中选择的语言；该选项不会被保存。</translation>
    </message>
    <message>
        <source>Before the screenshot, show phase N (0-based) of the stepper.</source>
        <translation>截图前显示逐步查看器的第 N 个阶段（从 0 开始）。</translation>
    </message>
    <message>
        <source>RNN Lab: watch a recurrent neural network learn.</source>
        <translation>RNN Lab：观察循环神经网络如何学习。</translation>
    </message>
    <message>
        <source>Open a built-in preset: %1. With --screenshot it may be given several times: each is opened and trained in turn, so Compare runs shows them all.</source>
        <translation>打开内置预设：%1。与 --screenshot 一起使用时可以给出多次：依次打开并训练每个预设，这样“比较运行”会显示全部。</translation>
    </message>
    <message>
        <source>no display found. Run it under a display, e.g. `xvfb-run -a rnnlab`, set QT_QPA_PLATFORM=offscreen for scripted screenshots, or use `rnnlab-cli` for headless training.</source>
        <translation>找不到显示器。请在有显示的环境中运行，例如 `xvfb-run -a rnnlab`；脚本截图可设置 QT_QPA_PLATFORM=offscreen；无界面训练请使用 `rnnlab-cli`。</translation>
    </message>
    <message>
        <source>--language: expected en, zh_CN or system, got &apos;%1&apos;</source>
        <translation>--language：应为 en、zh_CN 或 system，实际为“%1”</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos; (see --help)</source>
        <translation>意外的参数“%1”（见 --help）</translation>
    </message>
    <message>
        <source>--session and --preset cannot be used together</source>
        <translation>--session 和 --preset 不能同时使用</translation>
    </message>
    <message>
        <source>--preset more than once needs --screenshot (a scripted run)</source>
        <translation>多次使用 --preset 需要 --screenshot（脚本运行）</translation>
    </message>
    <message>
        <source>--train: expected a number of iterations &gt;= 0, got &apos;%1&apos;</source>
        <translation>--train：应为 &gt;= 0 的迭代次数，实际为“%1”</translation>
    </message>
    <message>
        <source>--size: expected WIDTHxHEIGHT, e.g. 1440x900, got &apos;%1&apos;</source>
        <translation>--size：应为 宽x高，例如 1440x900，实际为“%1”</translation>
    </message>
    <message>
        <source>%1: the folder does not exist</source>
        <translation>%1：文件夹不存在</translation>
    </message>
    <message>
        <source>--continue-with-lr: expected a positive rate, got &apos;%1&apos;</source>
        <translation>--continue-with-lr：应为正的学习率，实际为“%1”</translation>
    </message>
    <message>
        <source>Start in presentation mode (large text, thick lines, high contrast; F11).</source>
        <translation>以演示模式启动（大字体、粗线条、高对比度；F11）。</translation>
    </message>
    <message>
        <source>With --lesson: go to step N (1-based) of the lesson.</source>
        <translation>与 --lesson 一起使用：跳到课程的第 N 步（从 1 开始）。</translation>
    </message>
    <message>
        <source>Start a lesson: a shipped one by name (%1) or a lesson file.</source>
        <translation>开始一节课程：内置课程的名称（%1）或课程文件。</translation>
    </message>
    <message>
        <source>A session file to open, or a link copied with File → Copy link (&apos;rnnlab:…&apos;, quoted).</source>
        <translation>要打开的会话文件，或用“文件 → 复制链接”复制的链接（&apos;rnnlab:…&apos;，需加引号）。</translation>
    </message>
    <message>
        <source>--lesson opens its own session: it cannot be used with --session or --preset</source>
        <translation>--lesson 会打开它自己的会话：不能与 --session 或 --preset 一起使用</translation>
    </message>
    <message>
        <source>--lesson-step needs --lesson</source>
        <translation>--lesson-step 需要 --lesson</translation>
    </message>
    <message>
        <source>--lesson-step: expected a step of the lesson, got &apos;%1&apos;</source>
        <translation>--lesson-step：应为课程中的某一步，实际为“%1”</translation>
    </message>
    <message>
        <source>Before the screenshot, show layer K (0-based) of a stacked model in every view that shows one layer.</source>
        <translation>截图前在每个显示单层的视图中显示堆叠模型的第 K 层（从 0 开始）。</translation>
    </message>
    <message>
        <source>Before the screenshot, show this direction (forward or reverse) of a bidirectional model.</source>
        <translation>截图前显示双向模型的这个方向（forward 正向或 reverse 反向）。</translation>
    </message>
    <message>
        <source>--layer: expected a layer number, got &apos;%1&apos;</source>
        <translation>--layer：应为层号，实际为“%1”</translation>
    </message>
    <message>
        <source>--direction: expected forward or reverse, got &apos;%1&apos;</source>
        <translation>--direction：应为 forward 或 reverse，实际为“%1”</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>Full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>%1 it/s</source>
        <translation>%1 次/秒</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>Train until the target iteration (Space); again to pause</source>
        <translation>训练到目标迭代次数（空格）；再按一次暂停</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>Exactly one iteration: forward, loss, backward, update (S or →)</source>
        <translation>只做一次迭代：前向、损失、反向、更新（S 或 →）</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>End this run; Play continues from the current weights</source>
        <translation>结束这次运行；“播放”会从当前权重继续</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>重置(&amp;R)</translation>
    </message>
    <message>
        <source>Start again from the initial weights (Ctrl+R)</source>
        <translation>从初始权重重新开始（Ctrl+R）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New (built-in example)</source>
        <translation>新建（内置示例）(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Export &amp;trained session…</source>
        <translation>导出训练后的会话(&amp;T)…</translation>
    </message>
    <message>
        <source>Save the session with the current trained weights</source>
        <translation>保存会话及当前训练好的权重</translation>
    </message>
    <message>
        <source>Export &amp;weights…</source>
        <translation>导出权重(&amp;W)…</translation>
    </message>
    <message>
        <source>The trained weights as safetensors with PyTorch&apos;s names (nn.RNN/LSTM/GRU as rnn, nn.Linear as fc)</source>
        <translation>以 safetensors 格式保存训练好的权重，使用 PyTorch 的命名（nn.RNN/LSTM/GRU 为 rnn，nn.Linear 为 fc）</translation>
    </message>
    <message>
        <source>Import w&amp;eights…</source>
        <translation>导入权重(&amp;E)…</translation>
    </message>
    <message>
        <source>Weights from a safetensors file with PyTorch&apos;s names; a reset applies them</source>
        <translation>从使用 PyTorch 命名的 safetensors 文件导入权重；重置后生效</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>导入 CSV(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;loss history as CSV…</source>
        <translation>将损失历史导出为 CSV(&amp;L)…</translation>
    </message>
    <message>
        <source>Export view as P&amp;NG</source>
        <translation>将视图导出为 PNG(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Add time step</source>
        <translation>添加时间步</translation>
    </message>
    <message>
        <source>Remove time step</source>
        <translation>删除时间步</translation>
    </message>
    <message>
        <source>Add input column</source>
        <translation>添加输入列</translation>
    </message>
    <message>
        <source>Remove input column</source>
        <translation>删除输入列</translation>
    </message>
    <message>
        <source>Add output column</source>
        <translation>添加输出列</translation>
    </message>
    <message>
        <source>Remove output column</source>
        <translation>删除输出列</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Inspection layout</source>
        <translation>检视布局</translation>
    </message>
    <message>
        <source>Bring the stepper, the gradient flow and the run comparison to the front</source>
        <translation>把逐步查看器、梯度流和运行比较提到前面</translation>
    </message>
    <message>
        <source>Restore default layout</source>
        <translation>恢复默认布局</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quick start</source>
        <translation>快速入门(&amp;Q)</translation>
    </message>
    <message>
        <source>Quick start</source>
        <translation>快速入门</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>&amp;About RNN Lab</source>
        <translation>关于 RNN Lab(&amp;A)</translation>
    </message>
    <message>
        <source>About RNN Lab</source>
        <translation>关于 RNN Lab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;RNN Lab %1&lt;/h3&gt;&lt;p&gt;Watch a small recurrent neural network learn: press Play (Space) and follow the loss, the hidden states and the weights.&lt;/p&gt;&lt;p&gt;h&lt;sub&gt;t&lt;/sub&gt; = tanh(W&lt;sub&gt;xh&lt;/sub&gt;·x&lt;sub&gt;t&lt;/sub&gt; + W&lt;sub&gt;hh&lt;/sub&gt;·h&lt;sub&gt;t−1&lt;/sub&gt; + b&lt;sub&gt;h&lt;/sub&gt;), y&lt;sub&gt;t&lt;/sub&gt; = W&lt;sub&gt;hy&lt;/sub&gt;·h&lt;sub&gt;t&lt;/sub&gt; + b&lt;sub&gt;y&lt;/sub&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;RNN Lab %1&lt;/h3&gt;&lt;p&gt;观察一个小型循环神经网络如何学习：按“播放”（空格），跟踪损失、隐藏状态和权重的变化。&lt;/p&gt;&lt;p&gt;h&lt;sub&gt;t&lt;/sub&gt; = tanh(W&lt;sub&gt;xh&lt;/sub&gt;·x&lt;sub&gt;t&lt;/sub&gt; + W&lt;sub&gt;hh&lt;/sub&gt;·h&lt;sub&gt;t−1&lt;/sub&gt; + b&lt;sub&gt;h&lt;/sub&gt;), y&lt;sub&gt;t&lt;/sub&gt; = W&lt;sub&gt;hy&lt;/sub&gt;·h&lt;sub&gt;t&lt;/sub&gt; + b&lt;sub&gt;y&lt;/sub&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source> Speed </source>
        <translation> 速度 </translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Quick start&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Play&lt;/b&gt; (Space) trains the network on the sequence; watch the &lt;b&gt;Loss&lt;/b&gt; curve fall.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Step&lt;/b&gt; (S or →) runs exactly one iteration: forward pass, loss, backward pass, update. The &lt;b&gt;Step through&lt;/b&gt; tab shows each phase with its numbers.&lt;/li&gt;&lt;li&gt;Change the learning rate or the clipping in &lt;b&gt;Settings&lt;/b&gt;: they apply at once. A different model (hidden size, seed, …) waits for &lt;b&gt;Reset&lt;/b&gt; (Ctrl+R).&lt;/li&gt;&lt;li&gt;Edit the inputs and targets in &lt;b&gt;Sequence&lt;/b&gt;; training restarts on the new data.&lt;/li&gt;&lt;li&gt;Drag the &lt;b&gt;History&lt;/b&gt; slider to rewind every view; &lt;b&gt;Continue from here&lt;/b&gt; starts a new run to compare in &lt;b&gt;Compare runs&lt;/b&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;File → Presets&lt;/b&gt; opens ready-made tasks; each says what it teaches.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;h3&gt;快速入门&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;播放&lt;/b&gt;（空格）在序列上训练网络；观察&lt;b&gt;损失&lt;/b&gt;曲线下降。&lt;/li&gt;&lt;li&gt;&lt;b&gt;单步&lt;/b&gt;（S 或 →）只运行一次迭代：前向传播、损失、反向传播、更新。&lt;b&gt;逐步查看&lt;/b&gt;标签页会显示每个阶段及其数值。&lt;/li&gt;&lt;li&gt;在&lt;b&gt;设置&lt;/b&gt;中修改学习率或梯度裁剪：立即生效。换一个模型（隐藏层大小、随机种子……）要等到&lt;b&gt;重置&lt;/b&gt;（Ctrl+R）后才生效。&lt;/li&gt;&lt;li&gt;在&lt;b&gt;序列&lt;/b&gt;中编辑输入和目标；训练会在新数据上重新开始。&lt;/li&gt;&lt;li&gt;拖动&lt;b&gt;历史&lt;/b&gt;滑块可以让所有视图回放；&lt;b&gt;从这里继续&lt;/b&gt;会开始一次新的运行，可在&lt;b&gt;比较运行&lt;/b&gt;中对比。&lt;/li&gt;&lt;li&gt;&lt;b&gt;文件 → 预设&lt;/b&gt;可打开现成的任务；每个任务都说明了它要讲的内容。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>New te&amp;xt session from pasted text…</source>
        <translation>从粘贴的文本新建文本会话(&amp;X)…</translation>
    </message>
    <message>
        <source>A character-level language model of the text you paste (File → Open also takes a .txt file)</source>
        <translation>用你粘贴的文本训练字符级语言模型（文件 → 打开 也可以打开 .txt 文件）</translation>
    </message>
    <message>
        <source>Copy lin&amp;k</source>
        <translation>复制链接(&amp;K)</translation>
    </message>
    <message>
        <source>The session (settings, data, seed; not the trained weights) as an rnnlab: text to paste to someone</source>
        <translation>把会话（设置、数据、随机种子；不含训练好的权重）复制为 rnnlab: 文本，可以粘贴给别人</translation>
    </message>
    <message>
        <source>Open from c&amp;lipboard</source>
        <translation>从剪贴板打开(&amp;L)</translation>
    </message>
    <message>
        <source>Open the rnnlab: link on the clipboard</source>
        <translation>打开剪贴板中的 rnnlab: 链接</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Keyboard shortcuts&lt;/h3&gt;&lt;table cellspacing=&apos;4&apos;&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Play / pause&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;S&lt;/b&gt;, &lt;b&gt;→&lt;/b&gt;&lt;/td&gt;&lt;td&gt;One iteration&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Reset (applies a changed model)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z&lt;/b&gt;, &lt;b&gt;Ctrl+Shift+Z&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Undo, redo (settings and sequence edits)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+N&lt;/b&gt;, &lt;b&gt;Ctrl+O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;New (built-in example), open&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+S&lt;/b&gt;, &lt;b&gt;Ctrl+Shift+S&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Save, save as&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F1&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Quick start&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F11&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Presentation mode (large text, full screen)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Quit&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;键盘快捷键&lt;/h3&gt;&lt;table cellspacing=&apos;4&apos;&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;空格&lt;/b&gt;&lt;/td&gt;&lt;td&gt;播放 / 暂停&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;S&lt;/b&gt;, &lt;b&gt;→&lt;/b&gt;&lt;/td&gt;&lt;td&gt;一次迭代&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;重置（应用修改后的模型）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z&lt;/b&gt;, &lt;b&gt;Ctrl+Shift+Z&lt;/b&gt;&lt;/td&gt;&lt;td&gt;撤销、重做（设置和序列的编辑）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+N&lt;/b&gt;, &lt;b&gt;Ctrl+O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;新建（内置示例）、打开&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+S&lt;/b&gt;, &lt;b&gt;Ctrl+Shift+S&lt;/b&gt;&lt;/td&gt;&lt;td&gt;保存、另存为&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F1&lt;/b&gt;&lt;/td&gt;&lt;td&gt;快速入门&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F11&lt;/b&gt;&lt;/td&gt;&lt;td&gt;演示模式（大字体、全屏）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;退出&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>Watch (a run in ~%1 s)</source>
        <translation>观看（每轮约 %1 秒）</translation>
    </message>
    <message>
        <source>Iterations per second. Watch spreads each run over about %1 s, so that the class sees learning happen; slow speeds let it follow each update.</source>
        <translation>每秒迭代次数。“观看”把每一轮训练铺开到约 %1 秒，让全班看到学习的过程；速度慢时，全班可以跟上每一次更新。</translation>
    </message>
    <message>
        <source>New text session from a fi&amp;le…</source>
        <translation>从文件新建文本会话(&amp;L)…</translation>
    </message>
    <message>
        <source>A character-level language model of a UTF-8 text file of up to a few megabytes, read in the background, with a small or char-rnn&apos;s model</source>
        <translation>一个 UTF-8 文本文件（最多几 MB）的字符级语言模型：在后台读取，可选小模型或 char-rnn 的模型</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Only the last step has a target now (its row was kept).</source>
        <translation>现在只有最后一步有目标（保留了它那一行）。</translation>
    </message>
    <message>
        <source>Every step has a target now: the earlier rows start at 0, edit them.</source>
        <translation>现在每一步都有目标：前面各行从 0 开始，请编辑它们。</translation>
    </message>
    <message>
        <source>A new run continues from iteration %L1; the old one is kept in Compare runs.</source>
        <translation>新的一次运行从第 %L1 次迭代继续；旧的运行保留在“比较运行”中。</translation>
    </message>
    <message>
        <source>Autosave is off: %1</source>
        <translation>自动保存已关闭：%1</translation>
    </message>
    <message>
        <source>Text data</source>
        <translation>文本数据</translation>
    </message>
    <message>
        <source>Text settings not changed: %1</source>
        <translation>文本设置未更改：%1</translation>
    </message>
</context>
<context>
    <name>MemoryView</name>
    <message>
        <source>How far back each output looks: ‖∂y_t/∂x_k‖</source>
        <translation>每个输出能回看多远：‖∂y_t/∂x_k‖</translation>
    </message>
    <message>
        <source>output step t</source>
        <translation>输出时间步 t</translation>
    </message>
    <message>
        <source>input step k</source>
        <translation>输入时间步 k</translation>
    </message>
    <message>
        <source>No weights yet.</source>
        <translation>还没有权重。</translation>
    </message>
    <message>
        <source>Not computed: the sequence has %1 steps, more than %2 (the cost grows with T²).</source>
        <translation>不计算：序列有 %1 步，超过 %2 步（计算量随 T² 增长）。</translation>
    </message>
    <message>
        <source>Not computed: about %L1 multiply-adds at this size, more than %L2.</source>
        <translation>不计算：在这个规模下约需 %L1 次乘加运算，超过 %L2 次。</translation>
    </message>
    <message>
        <source>%1% of the sensitivity lies within the last %2 of %3 steps (iteration %4). Row t: how much output y_t changes with each earlier input x_k, ‖∂y_t/∂x_k‖.</source>
        <translation>%1% 的敏感度集中在 %3 步中的最后 %2 步（第 %4 次迭代）。第 t 行：输出 y_t 随每个更早的输入 x_k 变化多少，即 ‖∂y_t/∂x_k‖。</translation>
    </message>
    <message>
        <source>How far back and ahead each output looks: ‖∂y_t/∂x_k‖</source>
        <translation>每个输出能向前和向后看多远：‖∂y_t/∂x_k‖</translation>
    </message>
    <message>
        <source>%1% of the sensitivity lies within %2 steps of each output, before or after it, of %3 steps (iteration %4). Row t: how much output y_t changes with each input x_k, ‖∂y_t/∂x_k‖; the reverse direction reads the inputs after t too.</source>
        <translation>%1% 的敏感度集中在每个输出前后 %2 步之内（共 %3 步，第 %4 次迭代）。第 t 行：输出 y_t 随每个输入 x_k 变化多少，即 ‖∂y_t/∂x_k‖；反向的单元也读取 t 之后的输入。</translation>
    </message>
    <message>
        <source>Through all %1 layers.</source>
        <translation>贯穿全部 %1 层。</translation>
    </message>
</context>
<context>
    <name>NeuronSearchPanel</name>
    <message>
        <source>Search again</source>
        <translation>重新搜索</translation>
    </message>
    <message>
        <source>A unit is on where its value h is above this</source>
        <translation>单元的值 h 高于此值时即为“开”</translation>
    </message>
    <message>
        <source>On above</source>
        <translation>开：高于</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> 个字符</translation>
    </message>
    <message>
        <source>How many characters before and after the selection a unit must be off for</source>
        <translation>单元在选区前后须为“关”的字符数</translation>
    </message>
    <message>
        <source>Off around</source>
        <translation>前后为关</translation>
    </message>
    <message>
        <source>How much of the text, from the passage&apos;s start, the matches are searched in (the network reads it all: longer is slower)</source>
        <translation>从段落开头起在多少文本中搜索匹配（网络要读完全部：越长越慢）</translation>
    </message>
    <message>
        <source>Search in</source>
        <translation>搜索范围</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Share of the selection where the unit is on</source>
        <translation>选区中该单元为“开”的比例</translation>
    </message>
    <message>
        <source>Share of the characters around the selection where the unit is off</source>
        <translation>选区前后字符中该单元为“关”的比例</translation>
    </message>
    <message>
        <source>The units ranked by how well they are on in the selection and off around it. The ticked ones are searched for; click one to colour the text by it.</source>
        <translation>按“选区内为开、前后为关”的程度排列的单元。勾选的单元会被搜索；点击一个单元即按它为文本着色。</translation>
    </message>
    <message>
        <source>Search with the model as it is now</source>
        <translation>用当前的模型重新搜索</translation>
    </message>
    <message>
        <source>At</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Where the ticked units are all on together; click one to show it in the text</source>
        <translation>勾选的单元同时为“开”的位置；点击一项即在文本中显示</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>单元 %1</translation>
    </message>
    <message>
        <source>Mean inside minus mean around: %1</source>
        <translation>选区内均值减前后均值：%1</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>No unit ticked: tick one to search for it.</source>
        <translation>未勾选单元：勾选一个即可搜索。</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) in characters %1–%2 (iteration %3)</source>
        <translation>
            <numerusform>在第 %1–%2 个字符中找到 %n 处匹配（第 %3 次迭代）</numerusform>
        </translation>
    </message>
    <message>
        <source>Characters %1–%2: your selection</source>
        <translation>第 %1–%2 个字符：你的选区</translation>
    </message>
    <message>
        <source>Characters %1–%2</source>
        <translation>第 %1–%2 个字符</translation>
    </message>
    <message>
        <source>Drag across the text to select a stretch: the units on in it and off around it are listed here.</source>
        <translation>在文本上拖动以选择一段：在其中为“开”、前后为“关”的单元会列在这里。</translation>
    </message>
    <message numerus="yes">
        <source>Selected: characters %1–%2 (%n character(s))</source>
        <translation>
            <numerusform>已选：第 %1–%2 个字符（%n 个字符）</numerusform>
        </translation>
    </message>
    <message>
        <source>Matches shorter than this are left out (a new selection sets it to half its length)</source>
        <translation>比这更短的匹配不列出（新的选区会把它设为选区长度的一半）</translation>
    </message>
    <message>
        <source>Shortest match</source>
        <translation>最短匹配</translation>
    </message>
</context>
<context>
    <name>NeuronTextView</name>
    <message>
        <source>Hidden unit</source>
        <translation>隐藏单元</translation>
    </message>
    <message>
        <source>The unit whose value colours the text (blue −1, white 0, red +1)</source>
        <translation>用这个单元的值为文本着色（蓝 −1，白 0，红 +1）</translation>
    </message>
    <message>
        <source>from character</source>
        <translation>起始字符</translation>
    </message>
    <message>
        <source>Where the passage starts in the text (read from h0)</source>
        <translation>这段文字在文本中的起始位置（从 h0 开始读）</translation>
    </message>
    <message>
        <source>Find units</source>
        <translation>查找单元</translation>
    </message>
    <message>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <source>The units whose values follow each feature of this passage most closely (Pearson correlation). Click one to colour the text by it.</source>
        <translation>其值与这段文字的各个特征最接近的单元（皮尔逊相关系数）。点击一个单元，用它为文本着色。</translation>
    </message>
    <message>
        <source>inside quotes</source>
        <translation>引号内</translation>
    </message>
    <message>
        <source>end of line</source>
        <translation>行尾</translation>
    </message>
    <message>
        <source>position in line</source>
        <translation>行内位置</translation>
    </message>
    <message>
        <source>vowel</source>
        <translation>元音</translation>
    </message>
    <message>
        <source>space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>1 from an opening quote up to its closing one (&quot; toggles; “ ” and 「 」 pair)</source>
        <translation>从左引号到对应的右引号之间为 1（&quot; 成对切换；“ ” 与 「 」 配对）</translation>
    </message>
    <message>
        <source>1 where the next character is a newline</source>
        <translation>下一个字符是换行符时为 1</translation>
    </message>
    <message>
        <source>how many characters of the line have been read (0 after a newline)</source>
        <translation>本行已经读了多少个字符（换行后为 0）</translation>
    </message>
    <message>
        <source>1 on a, e, i, o, u (either case)</source>
        <translation>在 a、e、i、o、u（不分大小写）上为 1</translation>
    </message>
    <message>
        <source>1 on a space</source>
        <translation>在空格上为 1</translation>
    </message>
    <message>
        <source>No text to show.</source>
        <translation>没有可显示的文本。</translation>
    </message>
    <message>
        <source>unit %1 after %2: %3</source>
        <translation>单元 %1 在 %2 之后：%3</translation>
    </message>
    <message>
        <source>Unit %1 of %2 over characters %3–%4 at iteration %5 (blue −1, white 0, red +1)</source>
        <translation>第 %5 次迭代时，%2 个单元中的单元 %1 在字符 %3–%4 上的值（蓝 −1，白 0，红 +1）</translation>
    </message>
    <message>
        <source>(not in this passage)</source>
        <translation>（不在这段文字中）</translation>
    </message>
    <message>
        <source>The feature has the same value at every character of the passage, so no unit can follow it.</source>
        <translation>这个特征在这段文字的每个字符上取值都相同，因此没有单元能跟随它。</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>单元 %1</translation>
    </message>
    <message>
        <source>By feature</source>
        <translation>按特征</translation>
    </message>
    <message>
        <source>By selection</source>
        <translation>按选区</translation>
    </message>
    <message>
        <source>Drag across the text to find the units that are on there and off around it, and where else they fire so</source>
        <translation>在文本上拖动，找出在该处为“开”、前后为“关”的单元，以及它们在别处同样激活的位置</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Notices</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Click to read it all.</source>
        <translation>点击查看全文。</translation>
    </message>
</context>
<context>
    <name>OptimizerFields</name>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>带动量的 SGD</translation>
    </message>
    <message>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>The rule that turns gradients into weight changes; changing it restarts its state.</source>
        <translation>把梯度变成权重变化的规则；更换后它的内部状态会重新开始。</translation>
    </message>
    <message>
        <source>Step size η of every update: too large diverges, too small crawls (arrows step 1, 2, 5, 10, ...).</source>
        <translation>每次更新的步长 η：太大会发散，太小进展缓慢（箭头按 1、2、5、10、… 调整）。</translation>
    </message>
    <message>
        <source>Learning-rate decay γ (PyTorch&apos;s StepLR): every n iterations, from iteration s on, the rate is multiplied by γ, so iteration k uses η·γ^⌊max(0, k − s) / n⌋. 1 turns it off.</source>
        <translation>学习率衰减 γ（即 PyTorch 的 StepLR）：从第 s 次迭代起，每 n 次迭代把学习率乘以 γ，所以第 k 次迭代使用 η·γ^⌊max(0, k − s) / n⌋。设为 1 即关闭。</translation>
    </message>
    <message>
        <source>n: how many iterations each step of the decay lasts.</source>
        <translation>n：每一级衰减持续多少次迭代。</translation>
    </message>
    <message>
        <source>s: the iteration the decay counts from; the iterations before s + n all use η itself.</source>
        <translation>s：衰减从第几次迭代开始计数；第 s + n 次之前的迭代都使用 η 本身。</translation>
    </message>
    <message>
        <source>Momentum μ: how much of the previous update carries into the next.</source>
        <translation>动量 μ：上一次更新有多少延续到下一次。</translation>
    </message>
    <message>
        <source>Adam&apos;s β1: decay of the running mean of the gradients.</source>
        <translation>Adam 的 β1：梯度滑动平均的衰减率。</translation>
    </message>
    <message>
        <source>Adam&apos;s β2: decay of the running mean of the squared gradients.</source>
        <translation>Adam 的 β2：梯度平方滑动平均的衰减率。</translation>
    </message>
    <message>
        <source>RMSprop&apos;s α: decay of the running mean of the squared gradients that each step is divided by (PyTorch&apos;s alpha).</source>
        <translation>RMSprop 的 α：梯度平方滑动平均的衰减率，每一步都要除以它的平方根（即 PyTorch 的 alpha）。</translation>
    </message>
    <message>
        <source>ε keeps the division by the root of the squared gradients finite.</source>
        <translation>ε 使除以梯度平方根的运算保持有限。</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <source>Rate decay γ</source>
        <translation>学习率衰减 γ</translation>
    </message>
    <message>
        <source>Decay every n</source>
        <translation>每 n 次衰减</translation>
    </message>
    <message>
        <source>Decay from s</source>
        <translation>从第 s 次起衰减</translation>
    </message>
    <message>
        <source>Momentum μ</source>
        <translation>动量 μ</translation>
    </message>
    <message>
        <source>β1</source>
        <translation>β1</translation>
    </message>
    <message>
        <source>β2</source>
        <translation>β2</translation>
    </message>
    <message>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>η = %1 is far above the usual range (0.0001 to 1): updates this large usually make the loss jump around or grow. Training runs anyway.</source>
        <translation>η = %1 远高于常用范围（0.0001 到 1）：这么大的更新通常会让损失来回跳动或不断增大。训练仍会照常运行。</translation>
    </message>
</context>
<context>
    <name>OutputsTableModel</name>
    <message>
        <source>no target at this step (only the last step has one)</source>
        <translation>这一步没有目标（只有最后一步有）</translation>
    </message>
    <message>
        <source>
δy = ∂L/∂y = %1</source>
        <translation>
δy = ∂L/∂y = %1</translation>
    </message>
    <message>
        <source>the network&apos;s output y_t = Why·h_t + by</source>
        <translation>网络的输出 y_t = Why·h_t + by</translation>
    </message>
    <message>
        <source>softmax(y_t): the predicted probability</source>
        <translation>softmax(y_t)：预测的概率</translation>
    </message>
    <message>
        <source>the target d_t</source>
        <translation>目标 d_t</translation>
    </message>
    <message>
        <source>this step&apos;s share of the loss</source>
        <translation>这一步在损失中所占的部分</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>the most likely next character: %1 (p = %2)</source>
        <translation>最可能的下一个字符：%1（p = %2）</translation>
    </message>
    <message>
        <source>the most likely next character and its probability (green: it is the target)</source>
        <translation>最可能的下一个字符及其概率（绿色：它就是目标）</translation>
    </message>
    <message>
        <source>the next character, which the step is asked to predict</source>
        <translation>下一个字符，即这一步要预测的字符</translation>
    </message>
    <message>
        <source>next (p)</source>
        <translation>下一个 (p)</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
</context>
<context>
    <name>OutputsView</name>
    <message>
        <source>Outputs: no forward pass yet</source>
        <translation>输出：还没有前向传播</translation>
    </message>
    <message>
        <source>target at the last step only</source>
        <translation>只有最后一步有目标</translation>
    </message>
    <message>
        <source>a target at every step</source>
        <translation>每一步都有目标</translation>
    </message>
    <message>
        <source>&lt;b&gt;Outputs vs targets&lt;/b&gt; (%1) &amp;nbsp; loss L = %2&lt;br&gt;%3 coloured by δy = ∂L/∂y: &lt;span style=&apos;color:#b2182b&apos;&gt;red too high&lt;/span&gt;, &lt;span style=&apos;color:#2166ac&apos;&gt;blue too low&lt;/span&gt;, white right (full at ±%4)</source>
        <translation>&lt;b&gt;输出与目标&lt;/b&gt;（%1） &amp;nbsp; 损失 L = %2&lt;br&gt;%3 按 δy = ∂L/∂y 着色：&lt;span style=&apos;color:#b2182b&apos;&gt;红色偏高&lt;/span&gt;，&lt;span style=&apos;color:#2166ac&apos;&gt;蓝色偏低&lt;/span&gt;，白色正确（±%4 时颜色最深）</translation>
    </message>
    <message>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
</context>
<context>
    <name>PhaseValues</name>
    <message>
        <source>ℓ_t per step</source>
        <translation>每一步的 ℓ_t</translation>
    </message>
    <message>
        <source>y (outputs)</source>
        <translation>y（输出）</translation>
    </message>
    <message>
        <source>d (targets)</source>
        <translation>d（目标）</translation>
    </message>
    <message>
        <source>%1 from t = %2</source>
        <translation>%1，来自 t = %2</translation>
    </message>
    <message>
        <source>%1 sum, %2</source>
        <translation>%1 累计和，%2</translation>
    </message>
    <message>
        <source>‖g‖ before</source>
        <translation>裁剪前 ‖g‖</translation>
    </message>
    <message>
        <source>‖g‖ after</source>
        <translation>裁剪后 ‖g‖</translation>
    </message>
    <message>
        <source>elements clipped</source>
        <translation>被裁剪的元素数</translation>
    </message>
    <message>
        <source>norm clipped (1 = yes)</source>
        <translation>按范数裁剪（1 = 是）</translation>
    </message>
    <message>
        <source>d%1 unclipped</source>
        <translation>裁剪前 d%1</translation>
    </message>
    <message>
        <source>d%1 clipped</source>
        <translation>裁剪后 d%1</translation>
    </message>
    <message>
        <source>%1 before</source>
        <translation>更新前 %1</translation>
    </message>
    <message>
        <source>Δ%1 = after − before</source>
        <translation>Δ%1 = 更新后 − 更新前</translation>
    </message>
    <message>
        <source>%1 after</source>
        <translation>更新后 %1</translation>
    </message>
    <message>
        <source>Forward t = %1 of %2</source>
        <translation>前向 t = %1 / %2</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Backward t = %1 of %2</source>
        <translation>反向 t = %1 / %2</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>裁剪</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>x_%1 and h_%2 give the four gates: i (how much to write), f (how much of c_%2 to keep), g (what to write) and o (how much to show); c_%1 = f⊙c_%2 + i⊙g and h_%1 = o⊙tanh(c_%1).</source>
        <translation>x_%1 和 h_%2 得出四个门：i（写入多少）、f（保留多少 c_%2）、g（写入什么）和 o（输出多少）；c_%1 = f⊙c_%2 + i⊙g，h_%1 = o⊙tanh(c_%1)。</translation>
    </message>
    <message>
        <source>x_%1 and h_%2 give the gates r (how much of h_%2 the candidate sees) and z (how much of h_%2 to keep); the candidate n and h_%1 = (1−z)⊙n + z⊙h_%2.</source>
        <translation>x_%1 和 h_%2 得出门 r（候选值能看到多少 h_%2）和 z（保留多少 h_%2）；再得出候选值 n 和 h_%1 = (1−z)⊙n + z⊙h_%2。</translation>
    </message>
    <message>
        <source>δh_%1 reaches c_%1 through o⊙tanh′; δc_%1 also collects f_%2⊙δc_%2 from the next step — the path that lets an LSTM&apos;s gradient travel far. Each gate&apos;s delta follows from δc_%1 or δh_%1.</source>
        <translation>δh_%1 经过 o⊙tanh′ 到达 c_%1；δc_%1 还收集来自下一步的 f_%2⊙δc_%2 —— 正是这条路径让 LSTM 的梯度能传得很远。每个门的 delta 由 δc_%1 或 δh_%1 得出。</translation>
    </message>
    <message>
        <source>δh_%1 splits into the candidate&apos;s share (1−z)⊙δh and the update gate&apos;s (h_%2−n)⊙δh; z⊙δh_%1 goes straight back to h_%2.</source>
        <translation>δh_%1 分成候选值的部分 (1−z)⊙δh 和更新门的部分 (h_%2−n)⊙δh；z⊙δh_%1 直接传回 h_%2。</translation>
    </message>
    <message>
        <source>The input x_1 and the initial state h_0 give a_1, the new state h_1 = tanh(a_1) and the output y_1.</source>
        <translation>输入 x_1 和初始状态 h_0 得出 a_1、新状态 h_1 = tanh(a_1) 和输出 y_1。</translation>
    </message>
    <message>
        <source>The input x_%1 and the previous state h_%2 give a_%1, the new state h_%1 = tanh(a_%1) and the output y_%1.</source>
        <translation>输入 x_%1 和上一个状态 h_%2 得出 a_%1、新状态 h_%1 = tanh(a_%1) 和输出 y_%1。</translation>
    </message>
    <message>
        <source>Every output is compared with its target; the loss L adds up the steps&apos; losses, and δy = ∂L/∂y says how each output should move.</source>
        <translation>每个输出都与它的目标比较；损失 L 把各时间步的损失加起来，δy = ∂L/∂y 说明每个输出应该往哪个方向变。</translation>
    </message>
    <message>
        <source>Backpropagation starts at the last step: δh_%1 comes from δy_%1 only.</source>
        <translation>反向传播从最后一步开始：δh_%1 只来自 δy_%1。</translation>
    </message>
    <message>
        <source>δh_%1 collects the gradient from the output y_%1 and from step %2 through Whh; tanh′ scales it into δa_%1, and this step&apos;s products are added to the running sums.</source>
        <translation>δh_%1 收集来自输出 y_%1 的梯度，以及经过 Whh 来自第 %2 步的梯度；tanh′ 把它缩放成 δa_%1，这一步的乘积被加到累计和上。</translation>
    </message>
    <message>
        <source>The summed gradients are clipped: first every element to [−c, c], then, if enabled, the global norm.</source>
        <translation>对求和后的梯度进行裁剪：先把每个元素裁剪到 [−c, c]，然后（如果启用）裁剪全局范数。</translation>
    </message>
    <message>
        <source>The optimizer moves every weight against its (clipped) gradient.</source>
        <translation>优化器让每个权重沿着它（裁剪后）梯度的反方向移动。</translation>
    </message>
    <message>
        <source>output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>Backpropagation starts at the output layer: δy_%1·o_%1ᵀ goes to dWhy, and Whyᵀ·δy_%1 down to the top layer&apos;s cells.</source>
        <translation>反向传播从输出层开始：δy_%1·o_%1ᵀ 加到 dWhy，Whyᵀ·δy_%1 向下传给最顶层的单元。</translation>
    </message>
    <message>
        <source>The output layer reads o_%1 = [h→_%1 ; h←_%1], the top layer&apos;s two directions joined: y_%1 = Why·o_%1 + by.</source>
        <translation>输出层读取 o_%1 = [h→_%1 ; h←_%1]，即最顶层两个方向的拼接：y_%1 = Why·o_%1 + by。</translation>
    </message>
    <message>
        <source>The output layer reads the top layer&apos;s h_%1: y_%1 = Why·h_%1 + by.</source>
        <translation>输出层读取最顶层的 h_%1：y_%1 = Why·h_%1 + by。</translation>
    </message>
    <message>
        <source>Output mode “last”: only y_%1 counts, and its h←_%1 has read x_%1 alone (PyTorch&apos;s output[-1]).</source>
        <translation>输出模式“last”：只有 y_%1 计入损失，而它的 h←_%1 只读过 x_%1 一个输入（即 PyTorch 的 output[-1]）。</translation>
    </message>
    <message>
        <source>layer %1&apos;s output times the dropout mask</source>
        <translation>第 %1 层的输出乘以 dropout 掩码</translation>
    </message>
    <message>
        <source>layer %1&apos;s output</source>
        <translation>第 %1 层的输出</translation>
    </message>
    <message>
        <source>Layer %1 ←: a cell with its own weights reads the sequence backwards (t = %2 … 1), here %3 and h_%4, the state of the step after.</source>
        <translation>第 %1 层 ←：一个有自己权重的单元倒着读序列（t = %2 … 1），这里读 %3 和 h_%4，即后一步的状态。</translation>
    </message>
    <message>
        <source>Layer %1: its cell reads %2 and h_%3 and computes h_%4.</source>
        <translation>第 %1 层：它的单元读取 %2 和 h_%3，算出 h_%4。</translation>
    </message>
    <message>
        <source>at layer 0 they stop</source>
        <translation>到第 0 层就停止</translation>
    </message>
    <message>
        <source>they go down to layer %1 through the dropout mask</source>
        <translation>它们经过 dropout 掩码向下传到第 %1 层</translation>
    </message>
    <message>
        <source>they go down to layer %1</source>
        <translation>它们向下传到第 %1 层</translation>
    </message>
    <message>
        <source>Layer %1 backwards (%2): δh_%3 = what the layer above sends back + what step %4 sends through W_hh; its deltas add to this cell&apos;s weights, and %5.</source>
        <translation>第 %1 层反向（%2）：δh_%3 = 上一层传回的梯度 + 第 %4 步经 W_hh 传回的梯度；它的 delta 累加到这个单元的权重上，并且%5。</translation>
    </message>
</context>
<context>
    <name>PresentationMode</name>
    <message>
        <source>&amp;Presentation</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Large text, thick lines and high contrast on the full screen, for a projector (F11)</source>
        <translation>全屏显示大字体、粗线条和高对比度，适合投影（F11）</translation>
    </message>
</context>
<context>
    <name>PresetLibrary</name>
    <message>
        <source>unknown preset &apos;%1&apos; (known: %2)</source>
        <translation>未知的预设“%1”（已知：%2）</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>Long delay (GRU)</source>
        <translation>长延迟（GRU）</translation>
    </message>
    <message>
        <source>A ±1 pulse every 10 steps; output each pulse 20 steps later, two pulses on. The same task, seed and 600 iterations for the tanh RNN, the LSTM and the GRU: this one is the GRU, which solves it (loss below 0.05).</source>
        <translation>每 10 步出现一个 ±1 脉冲；要在 20 步之后（即再过两个脉冲）输出这个脉冲。tanh RNN、LSTM 和 GRU 使用相同的任务、随机种子和 600 次迭代：这是 GRU，它能解决这个任务（损失低于 0.05）。</translation>
    </message>
    <message>
        <source>Long delay (LSTM)</source>
        <translation>长延迟（LSTM）</translation>
    </message>
    <message>
        <source>A ±1 pulse every 10 steps; output each pulse 20 steps later, two pulses on. The same task, seed and 600 iterations for the tanh RNN, the LSTM and the GRU: this one is the LSTM, which solves it (loss below 0.05).</source>
        <translation>每 10 步出现一个 ±1 脉冲；要在 20 步之后（即再过两个脉冲）输出这个脉冲。tanh RNN、LSTM 和 GRU 使用相同的任务、随机种子和 600 次迭代：这是 LSTM，它能解决这个任务（损失低于 0.05）。</translation>
    </message>
    <message>
        <source>Long delay (tanh RNN)</source>
        <translation>长延迟（tanh RNN）</translation>
    </message>
    <message>
        <source>A ±1 pulse every 10 steps; output each pulse 20 steps later, two pulses on. The same task, seed and 600 iterations for the tanh RNN, the LSTM and the GRU: this one is the tanh RNN, which stalls at the loss of a constant output (about 4.6).</source>
        <translation>每 10 步出现一个 ±1 脉冲；要在 20 步之后（即再过两个脉冲）输出这个脉冲。tanh RNN、LSTM 和 GRU 使用相同的任务、随机种子和 600 次迭代：这是 tanh RNN，它的损失停在常数输出的水平（约 4.6）。</translation>
    </message>
    <message>
        <source>Echo (memory)</source>
        <translation>回声（记忆）</translation>
    </message>
    <message>
        <source>Output the input from two steps ago: the network must remember what it saw.</source>
        <translation>输出两步之前的输入：网络必须记住它看到过的内容。</translation>
    </message>
    <message>
        <source>Built-in example</source>
        <translation>内置示例</translation>
    </message>
    <message>
        <source>The blog&apos;s network and data. Its inputs 1 to 12 are large for tanh: the hidden states saturate near +1 or -1, so the outputs for t = 2 to 4 come out identical and the loss stays near 0.667. Scale the inputs to [-1, 1] and it learns.</source>
        <translation>那篇博客里的网络和数据。它的输入 1 到 12 对 tanh 来说太大：隐藏状态饱和在 +1 或 -1 附近，所以 t = 2 到 4 的输出完全相同，损失一直停在 0.667 附近。把输入缩放到 [-1, 1]，它就能学会。</translation>
    </message>
    <message>
        <source>Say hello</source>
        <translation>说 hello</translation>
    </message>
    <message>
        <source>Character level: read h, e, l, l one-hot and predict the next letters e, l, l, o.</source>
        <translation>字符级：以独热编码读入 h、e、l、l，预测下一个字母 e、l、l、o。</translation>
    </message>
    <message>
        <source>Sine wave</source>
        <translation>正弦波</translation>
    </message>
    <message>
        <source>Predict the next value of a sine wave from the values so far (I=1, O=1, 20 steps).</source>
        <translation>根据已有的值预测正弦波的下一个值（I=1，O=1，20 步）。</translation>
    </message>
    <message>
        <source>Hello, text (tiny)</source>
        <translation>Hello，文本（极小）</translation>
    </message>
    <message>
        <source>The smallest text model to step through: 8 units read &quot;hello world&quot; in chunks of 4 characters and learn to predict each next character.</source>
        <translation>最小的、可以逐步查看的文本模型：8 个隐藏单元以每块 4 个字符读入“hello world”，学习预测每个下一个字符。</translation>
    </message>
    <message>
        <source>Shakespeare&apos;s sonnets (text)</source>
        <translation>莎士比亚十四行诗（文本）</translation>
    </message>
    <message>
        <source>A character-level language model on 26 of Shakespeare&apos;s sonnets (public domain): min-char-rnn&apos;s loop, 100 units, chunks of 25 characters, the hidden state carried from chunk to chunk. The last two sonnets are the validation text.</source>
        <translation>在 26 首莎士比亚十四行诗（公有领域）上训练的字符级语言模型：采用 min-char-rnn 的训练循环，100 个隐藏单元，每块 25 个字符，隐藏状态在块与块之间传递。最后两首诗作为验证文本。</translation>
    </message>
    <message>
        <source>Tang poems (text, Chinese)</source>
        <translation>唐诗（文本，中文）</translation>
    </message>
    <message>
        <source>A character-level language model on 55 Tang poems (静夜思, 春晓, 登鹳雀楼 …): every Chinese character is one class of the vocabulary. LSTM, 128 units, chunks of 16 characters.</source>
        <translation>在 55 首唐诗（静夜思、春晓、登鹳雀楼……）上训练的字符级语言模型：每个汉字是词表中的一个类别。LSTM，128 个隐藏单元，每块 16 个字符。</translation>
    </message>
    <message>
        <source>Adding problem (data set)</source>
        <translation>加法问题（数据集）</translation>
    </message>
    <message>
        <source>Hochreiter&apos;s adding problem: 20 random values, two of them marked; output their sum at the end. An LSTM on 128 sequences in batches of 32, with 32 held out.</source>
        <translation>Hochreiter 的加法问题：20 个随机值，其中两个被标记；在最后输出它们的和。LSTM 在 128 个序列上训练，批大小为 32，另留出 32 个序列用于验证。</translation>
    </message>
    <message>
        <source>Echo with delay (data set)</source>
        <translation>延迟回声（数据集）</translation>
    </message>
    <message>
        <source>Output each input 3 steps later, on 64 random sequences in batches of 16, with 16 held out for validation.</source>
        <translation>把每个输入延迟 3 步后输出；使用 64 个随机序列，批大小为 16，另留出 16 个用于验证。</translation>
    </message>
    <message>
        <source>Noisy sine (data set)</source>
        <translation>带噪正弦波（数据集）</translation>
    </message>
    <message>
        <source>48 noisy sine waves with random phases, 16 held out: predict the next value. The validation curve follows the training curve (the network generalizes); fed its own predictions, it drifts.</source>
        <translation>48 条相位随机的带噪正弦波，留出 16 条用于验证：预测下一个值。验证曲线紧随训练曲线（网络能够泛化）；而以它自己的预测作为输入时，预测会逐渐偏离。</translation>
    </message>
    <message>
        <source>Shakespeare, char-rnn&apos;s model (2 × 128 LSTM, 50 streams)</source>
        <translation>莎士比亚，char-rnn 的模型（2 × 128 LSTM，50 条流）</translation>
    </message>
    <message>
        <source>Karpathy&apos;s char-rnn on tiny Shakespeare (1.1 MB of the plays, public domain): a 2-layer LSTM of 128 units reads the text as 50 parallel streams, 50 characters at a time, each stream with its own carried state; RMSprop (2e-3, α 0.95), the rate × 0.97 every epoch from epoch 10. The last 10,000 characters are the validation text. It keeps improving for many minutes.</source>
        <translation>Karpathy 的 char-rnn 在 tiny Shakespeare（1.1 MB 的莎士比亚戏剧，公有领域）上：两层、每层 128 个单元的 LSTM 把文本分成 50 条并行的流，每次读 50 个字符，每条流有自己传递下去的状态；RMSprop（2e-3，α 0.95），从第 10 轮起每轮学习率乘以 0.97。最后 10,000 个字符是验证文本。它能持续进步许多分钟。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 values, ‖·‖ = %2, min %3, max %4</source>
        <translation>%1 个值，‖·‖ = %2，最小 %3，最大 %4</translation>
    </message>
    <message>
        <source>Cannot open session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>%1

The built-in example is open instead.</source>
        <translation>%1

已改为打开内置示例。</translation>
    </message>
    <message>
        <source>--rewind: no answer from training</source>
        <translation>--rewind：训练没有响应</translation>
    </message>
    <message>
        <source>--dock: no dock &apos;%1&apos; (one of: %2)</source>
        <translation>--dock：没有名为“%1”的停靠窗口（可选：%2）</translation>
    </message>
    <message>
        <source>%1: could not write the image</source>
        <translation>%1：无法写入图像</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Sequence (inputs and targets)</source>
        <translation>序列（输入和目标）</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Hidden states h_t</source>
        <translation>隐藏状态 h_t</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Outputs y_t and targets</source>
        <translation>输出 y_t 与目标</translation>
    </message>
    <message>
        <source>Step through</source>
        <translation>逐步查看</translation>
    </message>
    <message>
        <source>Unrolled network</source>
        <translation>展开的网络</translation>
    </message>
    <message>
        <source>Gradient flow</source>
        <translation>梯度流</translation>
    </message>
    <message>
        <source>Whh spectrum</source>
        <translation>Whh 特征值谱</translation>
    </message>
    <message>
        <source>Memory ‖∂y_t/∂x_k‖</source>
        <translation>记忆 ‖∂y_t/∂x_k‖</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>比较运行</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>loss (log scale)</source>
        <translation>损失（对数刻度）</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Chunk: loss per character</source>
        <translation>文本块：每字符损失</translation>
    </message>
    <message>
        <source>Neuron over text</source>
        <translation>文本上的神经元</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>--layer: %1 is not a layer of the model (its layers are 0 … %2)</source>
        <translation>--layer：%1 不是模型的层（它的层是 0 … %2）</translation>
    </message>
    <message>
        <source>--direction reverse: the model is not bidirectional</source>
        <translation>--direction reverse：模型不是双向的</translation>
    </message>
</context>
<context>
    <name>RunComparisonChart</name>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>%1
iteration %2   loss %3</source>
        <translation>%1
第 %2 次迭代   损失 %3</translation>
    </message>
</context>
<context>
    <name>SequenceEditor</name>
    <message>
        <source>inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>+ Step</source>
        <translation>+ 时间步</translation>
    </message>
    <message>
        <source>Insert a time step after the current row</source>
        <translation>在当前行之后插入一个时间步</translation>
    </message>
    <message>
        <source>− Step</source>
        <translation>− 时间步</translation>
    </message>
    <message>
        <source>Remove the current time step</source>
        <translation>删除当前时间步</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>Replace the sequence with a CSV file&apos;s</source>
        <translation>用 CSV 文件中的序列替换当前序列</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save the sequence as a CSV file</source>
        <translation>把序列保存为 CSV 文件</translation>
    </message>
    <message>
        <source>Add an %1 column (needs a model reset)</source>
        <translation>添加一个%1列（需要重置模型）</translation>
    </message>
    <message>
        <source>Remove the last %1 column (needs a model reset)</source>
        <translation>删除最后一个%1列（需要重置模型）</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>&lt;b&gt;Inputs&lt;/b&gt; x&lt;sub&gt;t&lt;/sub&gt; &amp;nbsp;%1 × %2</source>
        <translation>&lt;b&gt;输入&lt;/b&gt; x&lt;sub&gt;t&lt;/sub&gt; &amp;nbsp;%1 × %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Target&lt;/b&gt; d&lt;sub&gt;T&lt;/sub&gt; &amp;nbsp;last step, %1</source>
        <translation>&lt;b&gt;目标&lt;/b&gt; d&lt;sub&gt;T&lt;/sub&gt; &amp;nbsp;仅最后一步，%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Targets&lt;/b&gt; d&lt;sub&gt;t&lt;/sub&gt; &amp;nbsp;%1 × %2</source>
        <translation>&lt;b&gt;目标&lt;/b&gt; d&lt;sub&gt;t&lt;/sub&gt; &amp;nbsp;%1 × %2</translation>
    </message>
    <message>
        <source>%1 row %2, column %3 is %4</source>
        <translation>%1第 %2 行第 %3 列：%4</translation>
    </message>
    <message numerus="yes">
        <source> (and %n more bad cell(s))</source>
        <translation>
            <numerusform>（还有 %n 个错误单元格）</numerusform>
        </translation>
    </message>
    <message>
        <source>: training uses the last valid data</source>
        <translation>：训练使用最后一组有效数据</translation>
    </message>
    <message>
        <source>Add time step</source>
        <translation>添加时间步</translation>
    </message>
    <message>
        <source>A sequence needs at least one time step.</source>
        <translation>序列至少需要一个时间步。</translation>
    </message>
    <message>
        <source>Remove time step</source>
        <translation>删除时间步</translation>
    </message>
    <message>
        <source>The %1 need at least one column.</source>
        <translation>%1至少需要一列。</translation>
    </message>
    <message>
        <source>input size I</source>
        <translation>输入大小 I</translation>
    </message>
    <message>
        <source>output size O</source>
        <translation>输出大小 O</translation>
    </message>
    <message>
        <source>This changes the network&apos;s %1 from %2 to %3, so the model must be reset (its weights start again) before it trains on the new data. Continue?</source>
        <translation>这会把网络的%1 从 %2 改为 %3，因此必须先重置模型（权重重新初始化），才能在新数据上训练。继续吗？</translation>
    </message>
    <message>
        <source>Add %1 column</source>
        <translation>添加%1列</translation>
    </message>
    <message>
        <source>Remove %1 column</source>
        <translation>删除%1列</translation>
    </message>
    <message>
        <source>Change the network&apos;s size?</source>
        <translation>更改网络的大小？</translation>
    </message>
    <message>
        <source>Paste %1×%2 cells</source>
        <translation>粘贴 %1×%2 个单元格</translation>
    </message>
    <message numerus="yes">
        <source>%n pasted cell(s) did not fit the table and were left out (add columns first).</source>
        <translation>
            <numerusform>有 %n 个粘贴的单元格超出了表格，已被舍弃（请先添加列）。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the file has a target only for the last step; switch the output mode to &apos;last&apos; to use it</source>
        <translation>%1：该文件只有最后一步有目标；请把输出模式切换为“last”后再使用</translation>
    </message>
    <message>
        <source>The file has %1 input and %2 target columns; the network has %3 and %4. Importing it changes the network&apos;s size, so the model must be reset. Continue?</source>
        <translation>该文件有 %1 个输入列和 %2 个目标列；网络有 %3 个和 %4 个。导入会改变网络的大小，因此必须重置模型。继续吗？</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <source>Import sequence from CSV</source>
        <translation>从 CSV 导入序列</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot import CSV</source>
        <translation>无法导入 CSV</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>Some cells are not numbers. Export the last valid data instead?</source>
        <translation>有些单元格不是数字。改为导出最后一组有效数据吗？</translation>
    </message>
    <message>
        <source>Export sequence as CSV</source>
        <translation>将序列导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot export CSV</source>
        <translation>无法导出 CSV</translation>
    </message>
    <message>
        <source>Edit %1 cell (t=%2, column %3)</source>
        <translation>编辑 %1 单元格（t=%2，第 %3 列）</translation>
    </message>
    <message>
        <source>Every sequence of a data set has the same columns, so one sequence cannot change them.</source>
        <translation>数据集中每条序列的列都相同，所以不能只改变一条序列的列。</translation>
    </message>
    <message>
        <source>%1: the file has %2 input and %3 target columns; every sequence of this data set has %4 and %5</source>
        <translation>%1：文件有 %2 个输入列和 %3 个目标列；这个数据集的每条序列有 %4 个和 %5 个</translation>
    </message>
</context>
<context>
    <name>SequencePicker</name>
    <message>
        <source>The sequence the hidden states, outputs, stepper, diagram and memory views show: one of the training sequences, or a validation sequence the network never learns from</source>
        <translation>隐藏状态、输出、逐步查看器、网络图和记忆视图所显示的序列：可以是某个训练序列，也可以是网络从不从中学习的验证序列</translation>
    </message>
    <message>
        <source>Training ▸ #%1 (%2 steps)</source>
        <translation>训练 ▸ #%1（%2 步）</translation>
    </message>
    <message>
        <source>Validation ▸ #%1 (%2 steps)</source>
        <translation>验证 ▸ #%1（%2 步）</translation>
    </message>
    <message>
        <source>training updates use minibatches of %1.</source>
        <translation>训练更新使用大小为 %1 的小批量。</translation>
    </message>
    <message numerus="yes">
        <source>training updates use all %n training sequence(s) at once.</source>
        <translation>
            <numerusform>训练更新一次使用全部 %n 条训练序列。</numerusform>
        </translation>
    </message>
    <message>
        <source>Tracing validation sequence #%1 alone (never trained on); %2</source>
        <translation>只追踪验证序列 #%1（从不用于训练）；%2</translation>
    </message>
    <message>
        <source>Tracing training sequence #%1 alone; %2</source>
        <translation>只追踪训练序列 #%1；%2</translation>
    </message>
</context>
<context>
    <name>SequenceSparklineDelegate</name>
    <message>
        <source>1 step</source>
        <translation>1 步</translation>
    </message>
    <message>
        <source>%1 steps</source>
        <translation>%1 步</translation>
    </message>
</context>
<context>
    <name>SequenceTableModel</name>
    <message>
        <source>time step t = %1</source>
        <translation>时间步 t = %1</translation>
    </message>
    <message>
        <source>empty: enter a number</source>
        <translation>空白：请输入一个数字</translation>
    </message>
    <message>
        <source>not a number: &apos;%1&apos;</source>
        <translation>不是数字：“%1”</translation>
    </message>
    <message>
        <source>not a finite number: &apos;%1&apos;</source>
        <translation>不是有限的数字：“%1”</translation>
    </message>
    <message>
        <source>out of range: &apos;%1&apos; (a number must lie within ±1.8e308)</source>
        <translation>超出范围：“%1”（数字必须在 ±1.8e308 之内）</translation>
    </message>
</context>
<context>
    <name>SessionAutosave</name>
    <message>
        <source>Cannot create the autosave folder %1</source>
        <translation>无法创建自动保存文件夹 %1</translation>
    </message>
    <message>
        <source>Cannot lock the autosave file in %1</source>
        <translation>无法锁定 %1 中的自动保存文件</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
</context>
<context>
    <name>SessionDocument</name>
    <message>
        <source>cell</source>
        <translation>单元类型</translation>
    </message>
    <message>
        <source>forget bias</source>
        <translation>遗忘门偏置</translation>
    </message>
    <message>
        <source>hidden size</source>
        <translation>隐藏层大小</translation>
    </message>
    <message>
        <source>output mode</source>
        <translation>输出模式</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>init scale</source>
        <translation>初始化尺度</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>β1</source>
        <translation>β1</translation>
    </message>
    <message>
        <source>β2</source>
        <translation>β2</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>clip value</source>
        <translation>裁剪值</translation>
    </message>
    <message>
        <source>clip norm</source>
        <translation>裁剪范数</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>cell %1 → %2</source>
        <translation>单元类型 %1 → %2</translation>
    </message>
    <message>
        <source>input size %1 → %2</source>
        <translation>输入大小 %1 → %2</translation>
    </message>
    <message>
        <source>hidden size %1 → %2</source>
        <translation>隐藏层大小 %1 → %2</translation>
    </message>
    <message>
        <source>output size %1 → %2</source>
        <translation>输出大小 %1 → %2</translation>
    </message>
    <message>
        <source>initial weights</source>
        <translation>初始权重</translation>
    </message>
    <message>
        <source>Built-in example</source>
        <translation>内置示例</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation>更改%1</translation>
    </message>
    <message>
        <source>sequence length</source>
        <translation>序列长度</translation>
    </message>
    <message>
        <source>carry on</source>
        <translation>传递状态</translation>
    </message>
    <message>
        <source>validation text</source>
        <translation>验证文本</translation>
    </message>
    <message>
        <source>%1: cannot be read (%2)</source>
        <translation>%1：无法读取（%2）</translation>
    </message>
    <message>
        <source>the blog&apos;s bugs</source>
        <translation>博客中的错误</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>shuffle</source>
        <translation>打乱顺序</translation>
    </message>
    <message>
        <source>this session is not a data set</source>
        <translation>这个会话不是数据集</translation>
    </message>
    <message>
        <source>Edit data set</source>
        <translation>编辑数据集</translation>
    </message>
    <message>
        <source>Generate data set</source>
        <translation>生成数据集</translation>
    </message>
    <message>
        <source>A text session cannot become a data set: its data is one text read in chunks. Open or create a numeric session first.</source>
        <translation>文本会话不能变成数据集：它的数据是分块读取的一段文本。请先打开或新建一个数值会话。</translation>
    </message>
    <message>
        <source>New data set</source>
        <translation>新建数据集</translation>
    </message>
    <message>
        <source>this session is a data set already</source>
        <translation>这个会话已经是数据集了</translation>
    </message>
    <message>
        <source>Make a data set from this sequence</source>
        <translation>用这条序列建立数据集</translation>
    </message>
    <message>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <source>rate decay γ</source>
        <translation>学习率衰减 γ</translation>
    </message>
    <message>
        <source>decay every n</source>
        <translation>衰减间隔 n</translation>
    </message>
    <message>
        <source>decay from s</source>
        <translation>衰减起点 s</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>bidirectional</source>
        <translation>双向</translation>
    </message>
    <message>
        <source>dropout</source>
        <translation>dropout</translation>
    </message>
    <message>
        <source>streams</source>
        <translation>并行流数</translation>
    </message>
    <message>
        <source>layers %1 → %2</source>
        <translation>层数 %1 → %2</translation>
    </message>
    <message>
        <source>one direction</source>
        <translation>单向</translation>
    </message>
    <message>
        <source>dropout %1 → %2</source>
        <translation>dropout %1 → %2</translation>
    </message>
    <message>
        <source>This is a sequence-to-sequence session (data.kind pairs): the app cannot show one yet. Train it with rnnlab-cli train.</source>
        <translation>这是一个序列到序列（data.kind pairs）会话：本程序暂时还不能显示它。请用 rnnlab-cli train 训练它。</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>Model — changes need a reset</source>
        <translation>模型 —— 修改后需要重置</translation>
    </message>
    <message>
        <source>Numbers per input step x_t; it follows the input table&apos;s columns.</source>
        <translation>每个输入时间步 x_t 的数值个数；与输入表格的列数一致。</translation>
    </message>
    <message>
        <source>tanh RNN (rnn)</source>
        <translation>tanh RNN (rnn)</translation>
    </message>
    <message>
        <source>LSTM (lstm)</source>
        <translation>LSTM (lstm)</translation>
    </message>
    <message>
        <source>GRU (gru)</source>
        <translation>GRU (gru)</translation>
    </message>
    <message>
        <source>The recurrent cell: the plain tanh RNN, or the gated LSTM (gates i, f, g, o and a cell state c_t) or GRU (gates r, z, n), exactly as PyTorch&apos;s nn.LSTM and nn.GRU.</source>
        <translation>循环单元：普通的 tanh RNN，或者门控的 LSTM（门 i、f、g、o 和细胞状态 c_t）或 GRU（门 r、z、n），与 PyTorch 的 nn.LSTM 和 nn.GRU 完全一致。</translation>
    </message>
    <message>
        <source>Added to the LSTM&apos;s forget-gate bias at initialization: a positive value starts the cell state remembering (f near 1).</source>
        <translation>初始化时加到 LSTM 遗忘门偏置上的值：正值让细胞状态一开始就倾向于记住（f 接近 1）。</translation>
    </message>
    <message>
        <source>Number of hidden units H: the network&apos;s memory from step to step.</source>
        <translation>隐藏单元个数 H：网络在时间步之间传递的记忆。</translation>
    </message>
    <message>
        <source>Numbers per output y_t; it follows the target table&apos;s columns.</source>
        <translation>每个输出 y_t 的数值个数；与目标表格的列数一致。</translation>
    </message>
    <message>
        <source>every step (sequence)</source>
        <translation>每一步（sequence）</translation>
    </message>
    <message>
        <source>last step only (last)</source>
        <translation>仅最后一步（last）</translation>
    </message>
    <message>
        <source>Whether every step has a target (many-to-many) or only the last one (many-to-one).</source>
        <translation>是每一步都有目标（多对多），还是只有最后一步有目标（多对一）。</translation>
    </message>
    <message>
        <source>mean squared error (mse)</source>
        <translation>均方误差 (mse)</translation>
    </message>
    <message>
        <source>cross-entropy (softmax)</source>
        <translation>交叉熵 (softmax)</translation>
    </message>
    <message>
        <source>How wrong the outputs are: squared distance for numbers, cross-entropy of the softmax for one-hot classes.</source>
        <translation>衡量输出错得有多远：数值用平方距离，独热类别用 softmax 的交叉熵。</translation>
    </message>
    <message>
        <source>Seed of the random initial weights: the same seed gives the same run.</source>
        <translation>随机初始权重的种子：相同的种子得到相同的运行。</translation>
    </message>
    <message>
        <source>Initial weights are this times a standard normal draw; too small learns slowly, too large saturates tanh.</source>
        <translation>初始权重等于这个数乘以标准正态分布的随机数；太小学得慢，太大会使 tanh 饱和。</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>单元类型</translation>
    </message>
    <message>
        <source>Forget bias</source>
        <translation>遗忘门偏置</translation>
    </message>
    <message>
        <source>Input size I</source>
        <translation>输入大小 I</translation>
    </message>
    <message>
        <source>Hidden size H</source>
        <translation>隐藏层大小 H</translation>
    </message>
    <message>
        <source>Output size O</source>
        <translation>输出大小 O</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Init scale</source>
        <translation>初始化尺度</translation>
    </message>
    <message>
        <source>Training — applies at once</source>
        <translation>训练 —— 立即生效</translation>
    </message>
    <message>
        <source>Every gradient element is clipped to [−c, c] before the update; 0 turns it off.</source>
        <translation>更新前把每个梯度元素裁剪到 [−c, c]；0 表示关闭。</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>If the length of all gradients together exceeds n they are scaled down to n; 0 turns it off.</source>
        <translation>如果所有梯度合在一起的长度超过 n，就把它们按比例缩小到 n；0 表示关闭。</translation>
    </message>
    <message>
        <source>How many iterations Play runs; pressing Play again runs that many more.</source>
        <translation>“播放”一次运行多少次迭代；再按“播放”会再运行这么多次。</translation>
    </message>
    <message>
        <source>Clip value</source>
        <translation>裁剪值</translation>
    </message>
    <message>
        <source>Clip norm</source>
        <translation>裁剪范数</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>The weights are kept after every iteration for rewinding, thinned to every 2nd, 4th, … iteration on long runs so that they never take more memory than this.</source>
        <translation>每次迭代后都会保存权重以便回放；长时间训练时会稀疏为每第 2、4、… 次迭代，使占用的内存不超过这个值。</translation>
    </message>
    <message>
        <source>History memory</source>
        <translation>历史记录内存</translation>
    </message>
    <message>
        <source>at most %L1 MiB</source>
        <translation>最多 %L1 MiB</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>How many training sequences one iteration learns from: their mean loss is minimized in one update. Small batches make more, noisier updates per epoch; &quot;all&quot; makes one exact update per epoch. Changing it restarts training.</source>
        <translation>一次迭代从多少个训练序列中学习：每次更新都使它们的平均损失减小。小批量在每轮中做更多次、噪声更大的更新；“全部”在每轮中只做一次精确的更新。更改后训练会重新开始。</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Shuffle every epoch</source>
        <translation>每轮打乱顺序</translation>
    </message>
    <message>
        <source>Visit the training sequences in a new random order in every epoch (seeded: the same seed gives the same order). Off: always in the order of the list. Changing it restarts training.</source>
        <translation>每轮都以新的随机顺序遍历训练序列（由随机种子决定：相同的种子得到相同的顺序）。关闭时：始终按列表顺序。更改后训练会重新开始。</translation>
    </message>
    <message>
        <source>Teaching: the blog&apos;s bugs</source>
        <translation>教学：博客中的错误</translation>
    </message>
    <message>
        <source>Compute the gradient the way the blog post RNN Lab grew out of does, each of its mistakes on its own: wrong on purpose, to see what each does to the gradient check and to training.</source>
        <translation>按照 RNN Lab 起源的那篇博客文章的方式计算梯度，每个错误都可以单独打开：故意算错，用来观察每个错误对梯度检验和训练有什么影响。</translation>
    </message>
    <message>
        <source>Each box makes the gradient wrong on purpose, the way the original blog post computed it. For teaching only: never for real training.</source>
        <translation>每个复选框都会按原博客文章的算法故意把梯度算错。仅用于教学：切勿用于实际训练。</translation>
    </message>
    <message>
        <source>Not available here: %1</source>
        <translation>此处不可用：%1</translation>
    </message>
    <message>
        <source>The gradient is deliberately wrong: the gradient check fails with errors of order 1, and training follows the blog&apos;s gradient.</source>
        <translation>梯度是故意算错的：梯度检验会失败，误差在 1 的量级，训练沿着博客的梯度进行。</translation>
    </message>
    <message>
        <source>Wrong on purpose:
output y only at the last step</source>
        <translation>故意出错：
只在最后一步输出 y</translation>
    </message>
    <message>
        <source>Wrong on purpose:
final h_T in every backward step</source>
        <translation>故意出错：
每个反向步都用最终的 h_T</translation>
    </message>
    <message>
        <source>Wrong on purpose:
h_t instead of h_(t−1) in dWhh</source>
        <translation>故意出错：
dWhh 中用 h_t 代替 h_(t−1)</translation>
    </message>
    <message>
        <source>Wrong on purpose:
loss Σ(y − d)², gradient (y − d)</source>
        <translation>故意出错：
损失 Σ(y − d)²，梯度 (y − d)</translation>
    </message>
    <message>
        <source>The blog computes the output once, after the loop, and compares it with the target of every step: y_t = y_T = Why·h_T + by for every t, L = Σ_t ½‖y_T − d_t‖². Its backward pass still sends each step&apos;s error δy_t = y_T − d_t into h_t, although y_T depends on h_T only.</source>
        <translation>博客在循环结束后只计算一次输出，并把它与每一步的目标比较：对每个 t 都有 y_t = y_T = Why·h_T + by，L = Σ_t ½‖y_T − d_t‖²。它的反向传播仍然把每一步的误差 δy_t = y_T − d_t 送入 h_t，尽管 y_T 只依赖于 h_T。</translation>
    </message>
    <message>
        <source>The blog&apos;s backward pass uses the state the forward loop ended in at every step: dWhy = Σ_t δy_t·h_Tᵀ and δa_t = (1 − h_T²) ⊙ δh_t instead of h_t (the tanh derivative of the wrong step).</source>
        <translation>博客的反向传播在每一步都使用前向循环结束时的状态：dWhy = Σ_t δy_t·h_Tᵀ，δa_t = (1 − h_T²) ⊙ δh_t，用的是 h_T 而不是 h_t（即错误时间步的 tanh 导数）。</translation>
    </message>
    <message>
        <source>dWhh = Σ_t δa_t·h_tᵀ instead of Σ_t δa_t·h_(t−1)ᵀ: Whh multiplies the previous state, so its gradient needs the previous state too. Only Whh&apos;s gradient is wrong.</source>
        <translation>dWhh = Σ_t δa_t·h_tᵀ，而不是 Σ_t δa_t·h_(t−1)ᵀ：Whh 乘的是上一个状态，所以它的梯度也需要上一个状态。只有 Whh 的梯度是错的。</translation>
    </message>
    <message>
        <source>The blog&apos;s loss is L = Σ_t (y_t − d_t)² (no ½), but it takes δy_t = y_t − d_t: the 2 of d(u²)/du = 2u is missing, so every gradient is half of the loss&apos;s true gradient (the gradient check shows exactly 1/3 everywhere). mse only.</source>
        <translation>博客的损失是 L = Σ_t (y_t − d_t)²（没有 ½），但它取 δy_t = y_t − d_t：漏掉了 d(u²)/du = 2u 中的 2，所以每个梯度都只有损失真实梯度的一半（梯度检验处处恰好显示 1/3）。仅适用于 mse。</translation>
    </message>
    <message>
        <source>Teaching: the gradient is deliberately wrong (the blog&apos;s bugs: %1). Training and the gradient check compute it the way the blog post did; switch them off under Settings → Teaching: the blog&apos;s bugs.</source>
        <translation>教学：梯度是故意算错的（博客中的错误：%1）。训练和梯度检验都按那篇博客文章的方式计算梯度；可在“设置 → 教学：博客中的错误”中关闭。</translation>
    </message>
</context>
<context>
    <name>ShareLink</name>
    <message>
        <source>This is not a usable RNN Lab link: %1</source>
        <translation>这不是可用的 RNN Lab 链接：%1</translation>
    </message>
    <message>
        <source>it is too short (cut off?).</source>
        <translation>它太短了（被截断了？）。</translation>
    </message>
    <message>
        <source>it says it unpacks to %L1 bytes, more than the %L2 a link may hold.</source>
        <translation>它声称解压后有 %L1 字节，超过了链接允许的 %L2 字节。</translation>
    </message>
    <message>
        <source>it cannot be unpacked.</source>
        <translation>它无法解压。</translation>
    </message>
    <message>
        <source>it is damaged or cut off.</source>
        <translation>它已损坏或被截断。</translation>
    </message>
    <message>
        <source>it does not start with “rnnlab:”.</source>
        <translation>它不是以“rnnlab:”开头的。</translation>
    </message>
    <message>
        <source>it is longer than %L1 characters.</source>
        <translation>它超过了 %L1 个字符。</translation>
    </message>
    <message>
        <source>it contains “%1”, which a link never does (was it changed or wrapped?).</source>
        <translation>它包含“%1”，而链接中从不会出现它（是否被修改过或被自动换行了？）。</translation>
    </message>
    <message>
        <source>it holds no RNN Lab session.</source>
        <translation>其中没有 RNN Lab 会话。</translation>
    </message>
    <message>
        <source>it has no valid version.</source>
        <translation>它没有有效的版本号。</translation>
    </message>
    <message>
        <source>it was made by a newer RNN Lab (link version %1).</source>
        <translation>它是由更新版本的 RNN Lab 生成的（链接版本 %1）。</translation>
    </message>
    <message>
        <source>lesson: expected {&quot;name&quot;: text, &quot;step&quot;: a whole number ≥ 0}.</source>
        <translation>lesson：应为 {&quot;name&quot;: 文本, &quot;step&quot;: ≥ 0 的整数}。</translation>
    </message>
    <message>
        <source>it holds no session.</source>
        <translation>其中没有会话。</translation>
    </message>
</context>
<context>
    <name>ShareLinkActions</name>
    <message>
        <source>Link copied (%L1 characters): it holds the settings, the data and the seed, not the trained weights. File → Open from clipboard opens it.</source>
        <translation>链接已复制（%L1 个字符）：包含设置、数据和随机种子，不含训练好的权重。用“文件 → 从剪贴板打开”即可打开。</translation>
    </message>
    <message>
        <source>Cannot open link</source>
        <translation>无法打开链接</translation>
    </message>
    <message>
        <source>Shared session</source>
        <translation>分享的会话</translation>
    </message>
    <message>
        <source>Opened a shared session: it trains from its seed.</source>
        <translation>已打开分享的会话：它会从自己的随机种子开始训练。</translation>
    </message>
    <message>
        <source>Open from clipboard</source>
        <translation>从剪贴板打开</translation>
    </message>
    <message>
        <source>The clipboard holds no RNN Lab link. Links start with “rnnlab:”; File → Copy link makes one.</source>
        <translation>剪贴板中没有 RNN Lab 链接。链接以“rnnlab:”开头；可用“文件 → 复制链接”生成。</translation>
    </message>
    <message>
        <source>No link copied: the session has a setting a link cannot hold (%1). Correct it in Settings, or undo the edit.</source>
        <translation>未复制链接：会话中有链接无法保存的设置（%1）。请在设置中更正，或撤销这次编辑。</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>复制链接</translation>
    </message>
</context>
<context>
    <name>SnapshotPresenter</name>
    <message>
        <source>Step Jacobians</source>
        <translation>单步雅可比矩阵</translation>
    </message>
    <message>
        <source>Whh spectrum</source>
        <translation>Whh 特征值谱</translation>
    </message>
    <message>
        <source> — latest iteration, before its update</source>
        <translation> —— 最新一次迭代，更新之前</translation>
    </message>
    <message>
        <source>Hidden states h_t</source>
        <translation>隐藏状态 h_t</translation>
    </message>
    <message>
        <source>Outputs y_t and targets</source>
        <translation>输出 y_t 与目标</translation>
    </message>
    <message>
        <source> (live)</source>
        <translation>（实时）</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
</context>
<context>
    <name>SpectrumView</name>
    <message>
        <source>all %1 eigenvalues</source>
        <translation>全部 %1 个特征值</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>已收敛</translation>
    </message>
    <message>
        <source>approximate, residual %1</source>
        <translation>近似值，残差 %1</translation>
    </message>
    <message>
        <source>largest %1 of %2 eigenvalues, by Arnoldi iteration (%3 Krylov vectors, %4)</source>
        <translation>用 Arnoldi 迭代求出的 %2 个特征值中最大的 %1 个（%3 个 Krylov 向量，%4）</translation>
    </message>
    <message>
        <source>Whh is %1×%2, not a square matrix</source>
        <translation>Whh 是 %1×%2 的矩阵，不是方阵</translation>
    </message>
    <message>
        <source>Whh has non-finite entries at iteration %1</source>
        <translation>第 %1 次迭代时 Whh 含有非有限值</translation>
    </message>
    <message>
        <source>λ = %1
|λ| = %2</source>
        <translation>λ = %1
|λ| = %2</translation>
    </message>
    <message>
        <source> (outside the unit circle: grows along time)</source>
        <translation>（在单位圆外：随时间增长）</translation>
    </message>
    <message>
        <source> (inside the unit circle: fades along time)</source>
        <translation>（在单位圆内：随时间衰减）</translation>
    </message>
    <message>
        <source>iteration %1: ρ = %2</source>
        <translation>第 %1 次迭代：ρ = %2</translation>
    </message>
    <message>
        <source>Eigenvalues of Whh</source>
        <translation>Whh 的特征值</translation>
    </message>
    <message>
        <source> (%1×%1)</source>
        <translation>（%1×%1）</translation>
    </message>
    <message>
        <source>Re</source>
        <translation>实部</translation>
    </message>
    <message>
        <source>Im</source>
        <translation>虚部</translation>
    </message>
    <message>
        <source>unit circle |λ| = 1</source>
        <translation>单位圆 |λ| = 1</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>No weights yet</source>
        <translation>还没有权重</translation>
    </message>
    <message>
        <source>ρ = %1</source>
        <translation>ρ = %1</translation>
    </message>
    <message>
        <source>iteration %1</source>
        <translation>第 %1 次迭代</translation>
    </message>
    <message>
        <source>
updating…</source>
        <translation>
正在更新…</translation>
    </message>
    <message>
        <source>Spectral radius ρ over training</source>
        <translation>训练过程中的谱半径 ρ</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>No spectrum yet</source>
        <translation>还没有特征值谱</translation>
    </message>
</context>
<context>
    <name>StackSettings</name>
    <message>
        <source>Number of stacked layers L (PyTorch&apos;s num_layers), numbered from 0: layer 0 reads x_t, each layer above reads the outputs of the one below at the same step, and the output y_t reads the top layer, L − 1.</source>
        <translation>堆叠的层数 L（即 PyTorch 的 num_layers），从 0 开始编号：第 0 层读取 x_t，上面的每一层在同一步读取下一层的输出，输出 y_t 读取最上层，即第 L − 1 层。</translation>
    </message>
    <message>
        <source>Bidirectional</source>
        <translation>双向</translation>
    </message>
    <message>
        <source>Dropout p between the layers: while training, each input of layers 1 … L − 1 (the outputs of the layer below) is set to 0 with probability p and the others are scaled by 1/(1 − p). It acts between layers, so it needs at least 2. Evaluation, sampling and the gradient check run without it.</source>
        <translation>层与层之间的 dropout p：训练时，第 1 … L − 1 层的每个输入（即下一层的输出）以概率 p 置为 0，其余的乘以 1/(1 − p)。它作用在层与层之间，所以至少需要 2 层。评估、采样和梯度检验时不使用它。</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Layers L</source>
        <translation>层数 L</translation>
    </message>
    <message>
        <source>Dropout p</source>
        <translation>Dropout p</translation>
    </message>
    <message>
        <source>A second cell reads each sequence from the end; each step&apos;s output is [h→ ; h←]. Not for text: a language model cannot read the future.</source>
        <translation>第二个单元从末尾开始反向读取每条序列；每一步的输出是 [h→ ; h←]。不适用于文本：语言模型不能读取未来。</translation>
    </message>
    <message>
        <source>With the output at the last step only, y reads [h→_T ; h←_T], and h←_T has read x_T alone (PyTorch&apos;s output[-1]).</source>
        <translation>若只在最后一步输出，y 读取的是 [h→_T ; h←_T]，而 h←_T 只读过 x_T（即 PyTorch 的 output[-1]）。</translation>
    </message>
    <message>
        <source>Off for this text session: a language model predicts each next character from the ones before it, and a reverse direction would read the character it has to predict.</source>
        <translation>此文本会话不可用：语言模型根据前面的字符预测下一个字符，而反向方向会读到它要预测的那个字符。</translation>
    </message>
</context>
<context>
    <name>TextChunkView</name>
    <message>
        <source>Follow training</source>
        <translation>跟随训练</translation>
    </message>
    <message>
        <source>Show the chunk training reads next, from the state it carries; off: a passage you choose, read from h0</source>
        <translation>显示训练接下来要读的文本块，从它传递的状态开始；关闭时：显示你选择的一段文字，从 h0 开始读</translation>
    </message>
    <message>
        <source>from character</source>
        <translation>起始字符</translation>
    </message>
    <message>
        <source>Where the passage starts in the text</source>
        <translation>这段文字在文本中的起始位置</translation>
    </message>
    <message>
        <source>No text to show.</source>
        <translation>没有可显示的文本。</translation>
    </message>
    <message>
        <source>after %1 comes %2: p = %3, loss %4&lt;br&gt;</source>
        <translation>%1 之后是 %2：p = %3，损失 %4&lt;br&gt;</translation>
    </message>
    <message>
        <source>the network&apos;s top 5:</source>
        <translation>网络预测的前 5 名：</translation>
    </message>
    <message>
        <source>Characters %1–%2 (%6) at iteration %3: mean loss %4 per character (white 0, red ≥ ln V = %5). Hover a character for the next-character guesses.</source>
        <translation>第 %3 次迭代时的字符 %1–%2（%6）：每字符平均损失 %4（白 0，红 ≥ ln V = %5）。把鼠标悬停在字符上可查看对下一个字符的猜测。</translation>
    </message>
    <message>
        <source>following training</source>
        <translation>跟随训练</translation>
    </message>
    <message>
        <source>chosen, read from h0</source>
        <translation>自选，从 h0 开始读</translation>
    </message>
</context>
<context>
    <name>TextFileLoader</name>
    <message>
        <source>%1 is empty: there is no text to learn from.</source>
        <translation>%1 是空的：没有可学习的文本。</translation>
    </message>
    <message>
        <source>%1 is not a plain text file: it has a zero byte at byte %2 (a binary file, or text saved as UTF-16). Choose a text saved as UTF-8.</source>
        <translation>%1 不是纯文本文件：第 %2 字节是零字节（二进制文件，或以 UTF-16 保存的文本）。请选择以 UTF-8 保存的文本。</translation>
    </message>
    <message>
        <source>%1 is not UTF-8: byte %2 (line %3) is not part of a UTF-8 character. Save the text as UTF-8 and open it again.</source>
        <translation>%1 不是 UTF-8：第 %2 字节（第 %3 行）不属于任何 UTF-8 字符。请将文本另存为 UTF-8 后再打开。</translation>
    </message>
    <message>
        <source>%1 has more than %2 different characters: a text session has one input and one output per character, at most %2.</source>
        <translation>%1 含有超过 %2 个不同的字符：文本会话每个字符占一个输入和一个输出，最多 %2 个。</translation>
    </message>
    <message>
        <source>%1 cannot be read (%2).</source>
        <translation>无法读取 %1（%2）。</translation>
    </message>
</context>
<context>
    <name>TextModelDialog</name>
    <message>
        <source>New text session</source>
        <translation>新建文本会话</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 characters, %3 different ones. Which model should learn to write it?</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2 个字符，其中 %3 个不同。由哪个模型来学习写它？</translation>
    </message>
    <message>
        <source>Small: min-char-rnn&apos;s tanh RNN of %1 units</source>
        <translation>小模型：min-char-rnn 的 tanh RNN，%1 个单元</translation>
    </message>
    <message>
        <source>Reads %1 characters at a time, Adagrad. Learns visibly within seconds: words appear in the samples after a few thousand iterations.</source>
        <translation>每次读 %1 个字符，Adagrad。几秒内就能看到学习效果：几千次迭代后采样中会出现单词。</translation>
    </message>
    <message>
        <source>char-rnn: %1 layers of %2 LSTM units</source>
        <translation>char-rnn：%1 层，每层 %2 个 LSTM 单元</translation>
    </message>
    <message>
        <source>Reads the text as %1 parallel streams, %2 characters at a time, RMSprop; an epoch is %3 iterations, and the learning rate decays from epoch 10. Learns for many minutes.</source>
        <translation>把文本分成 %1 个并行流，每次读 %2 个字符，RMSprop；一个轮次为 %3 次迭代，学习率从第 10 轮起衰减。可持续学习许多分钟。</translation>
    </message>
    <message>
        <source>The text is shorter than one chunk of %1 characters and its next character.</source>
        <translation>文本比一个 %1 字符的块再加下一个字符还短。</translation>
    </message>
    <message>
        <source>Create session</source>
        <translation>创建会话</translation>
    </message>
</context>
<context>
    <name>TextPassage</name>
    <message>
        <source>space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>newline ↵</source>
        <translation>换行 ↵</translation>
    </message>
    <message>
        <source>tab →</source>
        <translation>制表符 →</translation>
    </message>
</context>
<context>
    <name>TextSamplesPanel</name>
    <message>
        <source>New sample</source>
        <translation>重新采样</translation>
    </message>
    <message>
        <source>The sample appears here once the network has weights.</source>
        <translation>网络有了权重后，采样结果会显示在这里。</translation>
    </message>
    <message>
        <source>The greedy continuation (always the most likely character).</source>
        <translation>贪心续写（总是选最可能的字符）。</translation>
    </message>
    <message>
        <source>Sampled</source>
        <translation>采样结果</translation>
    </message>
    <message>
        <source>Temperature τ: the outputs are divided by τ before the softmax. Left is 0 (always the most likely character), then 0.05 … 2 on a log scale; 1 samples the model as it is.</source>
        <translation>温度 τ：输出在 softmax 之前除以 τ。最左边是 0（总是选最可能的字符），之后按对数刻度从 0.05 到 2；1 表示按模型本身的分布采样。</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Prime</source>
        <translation>引导文本</translation>
    </message>
    <message>
        <source>the text&apos;s first character</source>
        <translation>文本的第一个字符</translation>
    </message>
    <message>
        <source>The text fed to the network before it writes on its own</source>
        <translation>在网络自己开始写之前先输入给它的文本</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> 个字符</translation>
    </message>
    <message>
        <source>Sample again with a new random seed</source>
        <translation>用新的随机种子重新采样</translation>
    </message>
    <message>
        <source>Greedy (τ = 0)</source>
        <translation>贪心（τ = 0）</translation>
    </message>
    <message>
        <source>τ = 0 (greedy)</source>
        <translation>τ = 0（贪心）</translation>
    </message>
    <message>
        <source>τ = %1</source>
        <translation>τ = %1</translation>
    </message>
    <message>
        <source>Samples need a text session.</source>
        <translation>采样需要文本会话。</translation>
    </message>
    <message>
        <source>No sample yet.</source>
        <translation>还没有采样。</translation>
    </message>
    <message numerus="yes">
        <source>The prime has %n character(s) the text never uses, so the network has no input for them: %1.</source>
        <translation>
            <numerusform>引导文本中有 %n 个字符在文本里从未出现，网络没有对应的输入：%1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sampled at %1</source>
        <translation>采样于 %1</translation>
    </message>
    <message>
        <source>Iteration %1, seed %2, %3 characters after a %4-character prime.</source>
        <translation>第 %1 次迭代，随机种子 %2，在 %4 个字符的引导文本之后生成 %3 个字符。</translation>
    </message>
</context>
<context>
    <name>TextSettingsPanel</name>
    <message>
        <source>Characters per training chunk (truncated BPTT: gradients flow back this far)</source>
        <translation>每个训练块的字符数（截断的 BPTT：梯度最多向回传这么远）</translation>
    </message>
    <message>
        <source>Carry the state on between chunks</source>
        <translation>在块与块之间传递状态</translation>
    </message>
    <message>
        <source>On: each chunk starts from the state the previous one ended in (as min-char-rnn). Off: every chunk starts from h0.</source>
        <translation>开启：每个块从上一个块结束时的状态开始（与 min-char-rnn 相同）。关闭：每个块都从 h0 开始。</translation>
    </message>
    <message>
        <source>Last 10% as validation text</source>
        <translation>最后 10% 作为验证文本</translation>
    </message>
    <message>
        <source>The last tenth of the text is not trained on; its loss per character is measured now and then and drawn beside the training loss</source>
        <translation>文本的最后十分之一不参与训练；会不时测量它的每字符损失，并画在训练损失旁边</translation>
    </message>
    <message>
        <source>character</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>code point</source>
        <translation>码位</translation>
    </message>
    <message>
        <source>count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Sequence length</source>
        <translation>序列长度</translation>
    </message>
    <message>
        <source>This session&apos;s data are numbers. Open a .txt file (File → Open) or paste a text (File → New text session) to train a character-level language model.</source>
        <translation>这个会话的数据是数字。打开一个 .txt 文件（文件 → 打开）或粘贴一段文本（文件 → 新建文本会话），即可训练字符级语言模型。</translation>
    </message>
    <message>
        <source>%L1 characters of training text, %L2 of validation text.</source>
        <translation>训练文本 %L1 个字符，验证文本 %L2 个字符。</translation>
    </message>
    <message numerus="yes">
        <source>Vocabulary: %n character(s) (inputs and outputs are one-hot over them)</source>
        <translation>
            <numerusform>词表：%n 个字符（输入和输出都是它们上的独热编码）</numerusform>
        </translation>
    </message>
    <message>
        <source>char-rnn reads the text as B parallel streams, each with its own carried state; the loss is the mean over the streams</source>
        <translation>char-rnn 把文本当作 B 条并行的流来读，每条流各自传递自己的状态；损失是各条流的平均值</translation>
    </message>
    <message>
        <source>Streams B</source>
        <translation>并行流数 B</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source> clip %1</source>
        <translation> 裁剪值 %1</translation>
    </message>
    <message>
        <source> clip-norm %1</source>
        <translation> 裁剪范数 %1</translation>
    </message>
    <message>
        <source> no clip</source>
        <translation> 不裁剪</translation>
    </message>
    <message>
        <source>run %1: %2 · %3</source>
        <translation>运行 %1：%2 · %3</translation>
    </message>
</context>
<context>
    <name>TrainingStatusBar</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>What training is doing</source>
        <translation>训练当前的状态</translation>
    </message>
    <message>
        <source>Updates applied so far, and where this run stops</source>
        <translation>到目前为止已执行的更新次数，以及这次运行停在哪里</translation>
    </message>
    <message>
        <source>The loss of the weights on screen (while training: of the latest iteration, before its update)</source>
        <translation>屏幕上这组权重的损失（训练时：最新一次迭代在更新之前的损失）</translation>
    </message>
    <message>
        <source>Iterations per second over the recent past</source>
        <translation>最近一段时间内每秒的迭代次数</translation>
    </message>
    <message>
        <source>Training time since the last reset (wall clock while training)</source>
        <translation>自上次重置以来的训练时间（训练时按实际时间计）</translation>
    </message>
    <message>
        <source>Progress to the target iteration</source>
        <translation>到目标迭代次数的进度</translation>
    </message>
    <message>
        <source>Iteration %L1 / %L2</source>
        <translation>迭代 %L1 / %L2</translation>
    </message>
    <message>
        <source>Loss %1 (initial)</source>
        <translation>损失 %1（初始）</translation>
    </message>
    <message>
        <source>Loss %1</source>
        <translation>损失 %1</translation>
    </message>
    <message>
        <source>%L1 it/s</source>
        <translation>%L1 次/秒</translation>
    </message>
    <message>
        <source>— it/s</source>
        <translation>— 次/秒</translation>
    </message>
    <message>
        <source>Target reached: Play runs %L1 more.</source>
        <translation>已达到目标：“播放”会再运行 %L1 次。</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>, %1 per character</source>
        <translation>，每字符 %1</translation>
    </message>
    <message>
        <source>%L1 it/s, %L2 chars/s</source>
        <translation>%L1 次迭代/秒，%L2 字符/秒</translation>
    </message>
    <message>
        <source>Data sets: the epoch (one pass over all training sequences) the next minibatch belongs to, counted from 0</source>
        <translation>数据集：下一个小批量所属的轮次（一轮即遍历一次所有训练序列），从 0 开始计数</translation>
    </message>
    <message>
        <source>Batch loss %1</source>
        <translation>批损失 %1</translation>
    </message>
    <message>
        <source>epoch %L1</source>
        <translation>第 %L1 轮</translation>
    </message>
    <message>
        <source>Epoch %L1, minibatch %L2 of %L3 next (an epoch is one pass over all training sequences)</source>
        <translation>接下来：第 %L1 轮，第 %L2 / %L3 个小批量（一轮即遍历一次所有训练序列）</translation>
    </message>
    <message>
        <source>The learning rate the next update uses: with learning-rate decay, η·γ^⌊max(0, k − s) / n⌋ for iteration k (shown only while the rate decays)</source>
        <translation>下一次更新使用的学习率：有学习率衰减时，第 k 次迭代为 η·γ^⌊max(0, k − s) / n⌋（仅在学习率衰减时显示）</translation>
    </message>
    <message>
        <source>η = %1</source>
        <translation>η = %1</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>This probably happened because the learning rate is too high (%1) or because gradient clipping is off (clip value 0, clip norm 0): lower the learning rate or turn clipping on.</source>
        <translation>这很可能是因为学习率太高（%1），或者梯度裁剪已关闭（裁剪值 0，裁剪范数 0）：请降低学习率或打开裁剪。</translation>
    </message>
    <message>
        <source>This probably happened because the learning rate is too high (%1) for this clipping (clip value %2, clip norm %3): lower the learning rate or clip harder.</source>
        <translation>这很可能是因为对当前的裁剪设置（裁剪值 %2，裁剪范数 %3）来说学习率太高（%1）：请降低学习率或加强裁剪。</translation>
    </message>
    <message>
        <source>Stopped at iteration %1.</source>
        <translation>在第 %1 次迭代停止。</translation>
    </message>
    <message>
        <source>Continuing from iteration %1 as a new run.</source>
        <translation>从第 %1 次迭代继续，作为新的一次运行。</translation>
    </message>
    <message>
        <source>Finished: reached iteration %1.</source>
        <translation>已完成：达到第 %1 次迭代。</translation>
    </message>
    <message>
        <source>The gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>The loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>%1 became NaN or infinite at iteration %2. Training stopped and the weights were restored to the last finite ones (iteration %3). %4</source>
        <translation>%1在第 %2 次迭代时变成了 NaN 或无穷大。训练已停止，权重已恢复为最后一组有限值（第 %3 次迭代）。%4</translation>
    </message>
    <message>
        <source>The loss rose to %1 at iteration %2, more than %3 times its best (%4 at iteration %5), for %6 iterations in a row, so training paused. %7 Or press Play to go on anyway.</source>
        <translation>损失在第 %2 次迭代升到 %1，超过其最佳值（第 %5 次迭代时为 %4）的 %3 倍，并已连续 %6 次迭代如此，因此训练已暂停。%7 也可以按“播放”继续训练。</translation>
    </message>
</context>
<context>
    <name>UnrolledNetworkDiagram</name>
    <message>
        <source>no iteration traced</source>
        <translation>尚未追踪任何迭代</translation>
    </message>
    <message>
        <source>colours: value on each row&apos;s ± scale</source>
        <translation>颜色：按每一行各自的 ± 色标显示数值</translation>
    </message>
    <message>
        <source> · orange edges and bars: gradient size (max ‖δa‖ %1, ‖δh‖ %2)</source>
        <translation> · 橙色的边和条：梯度大小（最大 ‖δa‖ %1，‖δh‖ %2）</translation>
    </message>
    <message>
        <source>h_%1: not computed yet</source>
        <translation>h_%1：尚未计算</translation>
    </message>
    <message>
        <source>y_%1: not computed yet</source>
        <translation>y_%1：尚未计算</translation>
    </message>
    <message>
        <source> (layer %1 %2)</source>
        <translation>（第 %1 层 %2）</translation>
    </message>
    <message>
        <source> (layer %1)</source>
        <translation>（第 %1 层）</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>frame: a layer&apos;s output [h→ ; h←], what the layer above reads · ← cells run t = T … 1</source>
        <translation>方框：一层的输出 [h→ ; h←]，即上一层读取的内容 · ← 单元按 t = T … 1 运行</translation>
    </message>
    <message>
        <source>each layer reads the output of the one below</source>
        <translation>每一层读取下一层的输出</translation>
    </message>
    <message>
        <source>dropout p = %1 on every layer&apos;s input above layer 0 (masks: stepper)</source>
        <translation>第 0 层以上每层的输入都有 dropout p = %1（掩码见逐步查看）</translation>
    </message>
</context>
<context>
    <name>ValueGridView</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>WeightHeatmaps</name>
    <message>
        <source>Show gradients</source>
        <translation>显示梯度</translation>
    </message>
    <message>
        <source>Show ∂L/∂W of the last iteration instead of the weights</source>
        <translation>显示上一次迭代的 ∂L/∂W，而不是权重</translation>
    </message>
    <message>
        <source>Gradients ∂L/∂W of the last iteration — one colour scale, ±%1</source>
        <translation>上一次迭代的梯度 ∂L/∂W —— 统一色标，±%1</translation>
    </message>
    <message>
        <source>to gate (%1)</source>
        <translation>到门（%1）</translation>
    </message>
    <message>
        <source>to hidden</source>
        <translation>到隐藏层</translation>
    </message>
    <message>
        <source>to output</source>
        <translation>到输出层</translation>
    </message>
    <message>
        <source>from hidden</source>
        <translation>来自隐藏层</translation>
    </message>
    <message>
        <source>from input</source>
        <translation>来自输入层</translation>
    </message>
    <message>
        <source>from hidden (t−1)</source>
        <translation>来自隐藏层 (t−1)</translation>
    </message>
    <message>
        <source>Show the blocks of every layer, or of one layer (both directions)</source>
        <translation>显示每一层的参数块，或只显示其中一层（两个方向）</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>所有层</translation>
    </message>
    <message>
        <source>Layer %1 (l%2)</source>
        <translation>第 %1 层（l%2）</translation>
    </message>
    <message>
        <source>Weights — one colour scale for all %1 blocks, ±%2</source>
        <translation>权重——全部 %1 个块共用一个色标，±%2</translation>
    </message>
    <message>
        <source>from layer l%1</source>
        <translation>来自 l%1 层</translation>
    </message>
    <message>
        <source>from hidden (t+1)</source>
        <translation>来自隐藏层 (t+1)</translation>
    </message>
</context>
<context>
    <name>WhatIfEditor</name>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Keep the edit: training continues from it</source>
        <translation>保留这次编辑：训练从这里继续</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>What-if: %1</source>
        <translation>试算：%1</translation>
    </message>
    <message>
        <source>Try another value for %1 (not trained; Apply keeps it):</source>
        <translation>为 %1 试一个别的值（不经训练；“应用”会保留它）：</translation>
    </message>
    <message>
        <source>What-if: not trained. Every view shows the edited value&apos;s effect; the trained weights are unchanged until you apply it.</source>
        <translation>试算：未经训练。所有视图都显示编辑后的值带来的效果；在应用之前，训练得到的权重不变。</translation>
    </message>
</context>
</TS>
