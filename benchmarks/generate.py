"""Generate a synthetic corpus of concept cards for benchmarking cardlint.

    python benchmarks/generate.py --cards 10000 --out DIR [--violations 0.05] [--seed 1]

writes DIR/cardlint.toml, DIR/cards/<concept_id>.md and DIR/violations.json (the planted
violations, one entry per affected card with the rule code cardlint is expected to report).

The cards follow the format of cards/*.md: YAML front matter (concept_id = file name, the two
names, category, difficulty, introduced, paper with 1-3 citations, related_concepts naming
2-6 other generated cards), the title, the six required sections in order, fenced code blocks
(some with `#` lines, which are not headings), H3 subsections, a year-led timeline in
increasing order, one references entry per citation and the dated footer. Prose is Chinese
with English names, composed from the word lists below. The output depends only on --cards,
--seed and --violations: the same arguments always give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

TODAY = "2026-11-29"
LATEST_YEAR = 2025  # no year in a clean card lies after this one

# Concept names are modifier + domain + core, each an (English, Chinese) pair; the id is the
# English name in kebab-case. 50 x 50 x 45 = 112,500 distinct names.
MODIFIERS: tuple[tuple[str, str], ...] = (
    ("Sparse", "稀疏"),
    ("Dense", "稠密"),
    ("Hierarchical", "分层"),
    ("Adaptive", "自适应"),
    ("Contrastive", "对比"),
    ("Causal", "因果"),
    ("Multi-Scale", "多尺度"),
    ("Recurrent", "循环"),
    ("Residual", "残差"),
    ("Federated", "联邦"),
    ("Probabilistic", "概率"),
    ("Self-Supervised", "自监督"),
    ("Distributed", "分布式"),
    ("Low-Rank", "低秩"),
    ("Quantized", "量化"),
    ("Bidirectional", "双向"),
    ("Gated", "门控"),
    ("Masked", "掩码"),
    ("Latent", "潜在"),
    ("Generative", "生成式"),
    ("Discriminative", "判别式"),
    ("Variational", "变分"),
    ("Graph", "图"),
    ("Neural", "神经"),
    ("Retrieval-Augmented", "检索增强"),
    ("Instruction-Tuned", "指令微调"),
    ("Continual", "持续"),
    ("Meta", "元"),
    ("Robust", "鲁棒"),
    ("Efficient", "高效"),
    ("Modular", "模块化"),
    ("Streaming", "流式"),
    ("Multilingual", "多语言"),
    ("Cross-Lingual", "跨语言"),
    ("Temporal", "时序"),
    ("Spatial", "空间"),
    ("Symbolic", "符号"),
    ("Differentiable", "可微"),
    ("Energy-Based", "基于能量的"),
    ("Diffusion", "扩散"),
    ("Autoregressive", "自回归"),
    ("Mixture", "混合"),
    ("Kernel", "核"),
    ("Dynamic", "动态"),
    ("Sequential", "序列"),
    ("Parallel", "并行"),
    ("Structured", "结构化"),
    ("Implicit", "隐式"),
    ("Explicit", "显式"),
    ("Stochastic", "随机"),
)
DOMAINS: tuple[tuple[str, str], ...] = (
    ("Vision", "视觉"),
    ("Language", "语言"),
    ("Speech", "语音"),
    ("Audio", "音频"),
    ("Video", "视频"),
    ("Code", "代码"),
    ("Reasoning", "推理"),
    ("Planning", "规划"),
    ("Retrieval", "检索"),
    ("Memory", "记忆"),
    ("Attention", "注意力"),
    ("Embedding", "嵌入"),
    ("Token", "词元"),
    ("Policy", "策略"),
    ("Reward", "奖励"),
    ("Preference", "偏好"),
    ("Knowledge", "知识"),
    ("Dialogue", "对话"),
    ("Translation", "翻译"),
    ("Summarization", "摘要"),
    ("Segmentation", "分割"),
    ("Detection", "检测"),
    ("Tracking", "跟踪"),
    ("Recommendation", "推荐"),
    ("Tabular", "表格"),
    ("Molecule", "分子"),
    ("Protein", "蛋白质"),
    ("Robot", "机器人"),
    ("Agent", "智能体"),
    ("Tool", "工具"),
    ("Search", "搜索"),
    ("Ranking", "排序"),
    ("Document", "文档"),
    ("Image", "图像"),
    ("Text", "文本"),
    ("Layout", "版面"),
    ("Music", "音乐"),
    ("Scene", "场景"),
    ("Motion", "运动"),
    ("Depth", "深度"),
    ("Point Cloud", "点云"),
    ("Map", "地图"),
    ("Query", "查询"),
    ("Context", "上下文"),
    ("Prompt", "提示"),
    ("Feature", "特征"),
    ("Gradient", "梯度"),
    ("Weight", "权重"),
    ("Activation", "激活"),
    ("Cache", "缓存"),
)
CORES: tuple[tuple[str, str], ...] = (
    ("Encoder", "编码器"),
    ("Decoder", "解码器"),
    ("Transformer", "Transformer"),
    ("Network", "网络"),
    ("Model", "模型"),
    ("Alignment", "对齐"),
    ("Distillation", "蒸馏"),
    ("Pruning", "剪枝"),
    ("Fine-Tuning", "微调"),
    ("Pre-Training", "预训练"),
    ("Routing", "路由"),
    ("Fusion", "融合"),
    ("Compression", "压缩"),
    ("Normalization", "归一化"),
    ("Regularization", "正则化"),
    ("Optimization", "优化"),
    ("Sampling", "采样"),
    ("Decoding", "解码"),
    ("Tokenization", "分词"),
    ("Augmentation", "增强"),
    ("Calibration", "校准"),
    ("Evaluation", "评测"),
    ("Benchmark", "基准"),
    ("Adapter", "适配器"),
    ("Projection", "投影"),
    ("Serving", "服务化"),
    ("Scheduling", "调度"),
    ("Inference", "推断"),
    ("Generation", "生成"),
    ("Representation", "表示"),
    ("Learning", "学习"),
    ("Matching", "匹配"),
    ("Clustering", "聚类"),
    ("Indexing", "索引"),
    ("Parsing", "解析"),
    ("Labeling", "标注"),
    ("Filtering", "过滤"),
    ("Scaling", "缩放"),
    ("Merging", "合并"),
    ("Ensembling", "集成"),
    ("Probing", "探测"),
    ("Steering", "引导"),
    ("Unlearning", "遗忘"),
    ("Watermarking", "水印"),
    ("Red-Teaming", "红队测试"),
)
CATEGORIES = (
    "architecture",
    "training",
    "alignment",
    "inference",
    "evaluation",
    "data",
    "applications",
    "safety",
    "theory",
)
DIFFICULTIES = ("beginner", "intermediate", "advanced")
SURNAMES = (
    "Vaswani",
    "Radford",
    "He",
    "Chen",
    "Li",
    "Wang",
    "Zhang",
    "Liu",
    "Devlin",
    "Brown",
    "Kaplan",
    "Hoffmann",
    "Touvron",
    "Raffel",
    "Dosovitskiy",
    "Ho",
    "Song",
    "Kingma",
    "Goodfellow",
    "Bengio",
    "Hinton",
    "LeCun",
    "Sutskever",
    "Mikolov",
    "Pennington",
    "Peters",
    "Howard",
    "Lewis",
    "Karpukhin",
    "Guu",
    "Borgeaud",
    "Wei",
    "Ouyang",
    "Christiano",
    "Schulman",
    "Rafailov",
    "Bai",
    "Ganguli",
    "Hu",
    "Dettmers",
    "Frantar",
    "Shazeer",
    "Fedus",
    "Lepikhin",
    "Jiang",
    "Zhou",
    "Xu",
    "Yang",
    "Sun",
    "Zhao",
    "Wu",
    "Huang",
    "Lin",
    "Kim",
    "Park",
    "Nguyen",
    "Müller",
    "García",
    "Ngiam",
    "Frome",
    "Alayrac",
    "Girdhar",
    "Jia",
)
ORGANISATIONS = ("OpenAI", "Google", "DeepMind", "Meta", "Anthropic", "Microsoft")
MODEL_STEMS = (
    "Sparse",
    "Flash",
    "Mega",
    "Uni",
    "Omni",
    "Hyper",
    "Deep",
    "Meta",
    "Neo",
    "Swift",
    "Lumen",
    "Orca",
    "Falcon",
    "Atlas",
    "Nova",
    "Delta",
    "Vector",
    "Prism",
    "Echo",
    "Pixel",
    "Graph",
    "Chain",
    "Mosaic",
    "Helix",
    "Quartz",
)
MODEL_SUFFIXES = ("Former", "Net", "BERT", "GPT", "LM", "Mix", "Flow", "Diff", "Bot", "CLIP")
TITLE_ADJECTIVES = (
    "Efficient",
    "Scalable",
    "Robust",
    "Simple",
    "Unified",
    "Learnable",
    "Hierarchical",
    "Sparse",
    "Adaptive",
    "Generalizable",
    "Faithful",
    "Controllable",
)
TITLE_NOUNS = (
    "Attention",
    "Representations",
    "Pre-training",
    "Alignment",
    "Retrieval",
    "Reasoning",
    "Compression",
    "Distillation",
    "Decoding",
    "Embeddings",
    "Routing",
    "Supervision",
)
TITLE_TASKS = (
    "Long Documents",
    "Visual Question Answering",
    "Code Generation",
    "Machine Translation",
    "Image Recognition",
    "Speech Recognition",
    "Open-Domain QA",
    "Dialogue Systems",
    "Multimodal Understanding",
    "Language Modeling",
    "Robot Control",
    "Protein Folding",
)
BASELINES = ("RNN", "CNN", "BERT", "ResNet", "LSTM", "GPT-2", "T5", "ViT", "Word2Vec", "SVM")
TASKS_ZH = (
    "文本分类",
    "机器翻译",
    "图像识别",
    "语音识别",
    "问答",
    "代码生成",
    "文档检索",
    "视觉问答",
    "推荐排序",
    "对话生成",
    "目标检测",
    "长文本理解",
    "多步推理",
    "摘要生成",
)
METHODS_ZH = (
    "引入可学习的门控单元",
    "在训练时随机遮盖部分输入",
    "把输入切分为固定大小的块",
    "用对比损失拉近正样本对",
    "在每一层加入残差连接",
    "只激活少量专家子网络",
    "把离散符号映射到连续向量空间",
    "对注意力矩阵做低秩近似",
    "在推理时缓存中间结果",
    "用教师模型的软标签指导学生模型",
    "对权重做分组量化",
    "先检索相关文档再生成答案",
)
GOALS_ZH = (
    "降低计算成本",
    "提升泛化能力",
    "缓解过拟合",
    "加快收敛速度",
    "减少显存占用",
    "提高长距离依赖的建模能力",
    "增强跨模态对齐",
    "提升推理速度",
    "降低标注成本",
    "改善模型的可解释性",
)
FIELDS_ZH = ("自然语言处理", "计算机视觉", "语音处理", "强化学习", "信息检索", "多模态学习")
ADVANTAGES_ZH = (
    ("计算高效", "在相同预算下可以处理更长的输入"),
    ("易于扩展", "模型规模和数据规模增加时效果稳定提升"),
    ("通用性强", "同一套方法可以迁移到多个下游任务"),
    ("实现简单", "核心代码只有几十行，便于复现"),
    ("数据友好", "对标注数据的依赖明显减少"),
    ("可解释", "中间结果可以直接可视化和检查"),
    ("部署方便", "推理时不需要额外的专用硬件"),
)
LIMITATIONS_ZH = (
    ("训练成本高", "需要大规模数据和长时间训练"),
    ("超参数敏感", "学习率和温度等设置对结果影响很大"),
    ("评测困难", "缺少公认的基准来衡量真实效果"),
    ("长尾表现弱", "在罕见样本上准确率明显下降"),
    ("显存占用大", "序列变长时显存需求迅速增长"),
    ("存在偏见", "会继承训练数据中的刻板印象"),
    ("可解释性差", "难以说明模型为什么做出某个判断"),
)
MAINTAINERS = ("LLM History Chronicle Project", "cardlint 项目", "张伟", "Li Na", "AI 概念卡片小组")
SENTENCES = (
    "{zh}通过{method}来{goal}，在{task}任务上明显优于传统的{baseline}方法。",
    "与 {baseline} 相比，{en} 的关键区别在于{method}，从而{goal}。",
    "在{field}领域，研究者很早就发现单纯增加参数并不能{goal}。",
    "{year} 年前后，{model} 等工作证明了这一思路在{task}上的有效性。",
    "实践中，{zh}通常与 {baseline} 结合使用，用来{goal}。",
    "这一方法的核心做法是{method}，训练和推理阶段都保持一致。",
    "很多开源实现（例如 {model}）都把{zh}作为默认组件，以便{goal}。",
    "需要注意的是，{zh}并不能解决所有问题，在{task}上仍然依赖大量高质量数据。",
    "从工程角度看，{method}只需要改动少量代码，却能显著{goal}。",
    "{en} 的思想后来被推广到{field}，成为许多系统的基础模块。",
    "早期的 {baseline} 方法在{task}上遇到瓶颈，这直接推动了{zh}的提出。",
    "如果把模型比作一个团队，{zh}就像一位负责{goal}的协调者。",
)
CODE_LINES_PLAIN = (
    "输入: {task}的原始数据",
    "步骤 1: {method}",
    "步骤 2: 计算损失并反向传播",
    "步骤 3: 在验证集上评估",
    "输出: 更好的表示",
    "对比: {baseline} → {en}",
    "目标: {goal}",
    "→ 效果: 在{task}上提升明显",
)
PY_SNIPPETS: tuple[tuple[str, ...], ...] = (
    (
        "# 伪代码: {en}",
        "x = embed(tokens)            # N x d",
        "for layer in layers:",
        "    x = x + layer(norm(x))    # 残差连接",
        "logits = head(x)",
        "loss = cross_entropy(logits, labels)",
    ),
    (
        "# 训练循环",
        "for batch in loader:",
        "    # 前向计算",
        "    out = model(batch.inputs)",
        "    loss = criterion(out, batch.targets)",
        "    loss.backward()",
        "    optimizer.step()",
    ),
    (
        "# 推理",
        "cache = {{}}",
        "for step in range(max_len):",
        "    # 只计算新 token",
        "    logits, cache = model(token, cache)",
        "    token = sample(logits, temperature=0.7)",
    ),
)
SHELL_SNIPPETS: tuple[tuple[str, ...], ...] = (
    (
        "# 安装依赖",
        "pip install {pkg}",
        "# 运行示例",
        "python train.py --config configs/{pkg}.yaml",
    ),
    (
        "# 下载数据",
        "bash scripts/download.sh",
        "## 这一行也不是标题",
        "python eval.py --task {task_en}",
    ),
)

# The kinds of planted violation and the rule each should trigger.
VIOLATION_CODES: dict[str, str] = {
    "misspelt-category": "CL103",
    "misspelt-difficulty": "CL103",
    "dangling-reference": "CL301",
    "self-reference": "CL302",
    "missing-section": "CL203",
    "section-order": "CL204",
    "bad-date-format": "CL501",
    "impossible-date": "CL502",
    "future-date": "CL504",
    "reversed-range": "CL503",
    "unknown-field": "CL105",
    "unmatched-citation": "CL403",
    "title-mismatch": "CL201",
    "timeline-order": "CL505",
    "id-filename-mismatch": "CL305",
    "empty-section": "CL205",
}
MISSPELLINGS: dict[str, str] = {
    "architecture": "architecure",
    "training": "trainning",
    "alignment": "allignment",
    "inference": "inferance",
    "evaluation": "evalution",
    "data": "dta",
    "applications": "aplications",
    "safety": "saftey",
    "theory": "theroy",
    "beginner": "begginer",
    "intermediate": "intermediat",
    "advanced": "advaced",
}


@dataclass(frozen=True)
class Citation:
    label: str  # the short title, e.g. SparseFormer
    author: str  # a surname or an organisation
    organisation: bool
    initial: str
    year: int
    title: str  # the full title of the references entry

    def in_field(self) -> str:
        who = self.author if self.organisation else f"{self.author} et al."
        return f"{self.label} ({who}, {self.year})"

    def entry(self, year: int | None = None) -> str:
        shown = self.year if year is None else year
        if self.organisation:
            return f"- {self.author} ({shown}). {self.title}."
        return f"- {self.author}, {self.initial}., et al. ({shown}). {self.title}."


@dataclass(frozen=True)
class Concept:
    concept_id: str
    name_en: str
    name_zh: str


@dataclass
class Card:
    """One card being written: its parts, kept apart so that violations can be planted."""

    concept: Concept
    file_stem: str
    front: list[tuple[str, str]]
    title: str
    sections: list[tuple[str, list[str]]]  # (H2 heading text, body lines)
    footer: list[str]
    planted: list[str] = field(default_factory=list)

    def render(self) -> str:
        lines = ["---", *(f"{key}: {value}" for key, value in self.front), "---", ""]
        lines += [f"# {self.title}", ""]
        for number, (heading, body) in enumerate(self.sections):
            if number:
                lines += ["---", ""]
            lines += [f"## {heading}", "", *body]
        lines += self.footer
        return "\n".join(lines) + "\n"


def kebab(name: str) -> str:
    return "-".join(name.lower().replace("-", " ").split())


def concept_names(count: int, rng: random.Random) -> list[Concept]:
    """`count` distinct concepts in a seeded order; past 112,500 a numeral keeps them apart."""
    capacity = len(MODIFIERS) * len(DOMAINS) * len(CORES)
    picks = rng.sample(range(capacity), min(count, capacity))
    picks += [rng.randrange(capacity) for _ in range(count - len(picks))]
    concepts = []
    for number, pick in enumerate(picks):
        modifier, rest = divmod(pick, len(DOMAINS) * len(CORES))
        domain, core = divmod(rest, len(CORES))
        parts = (MODIFIERS[modifier], DOMAINS[domain], CORES[core])
        name_en = " ".join(en for en, _ in parts)
        name_zh = "".join(zh for _, zh in parts)
        if number >= capacity:
            round_number = number // capacity + 1
            name_en, name_zh = f"{name_en} {round_number}", f"{name_zh}{round_number}"
        concepts.append(Concept(kebab(name_en), name_en, name_zh))
    return concepts


class Writer:
    """Composes one card's text from the word lists with the card's own random generator."""

    def __init__(self, rng: random.Random, concept: Concept) -> None:
        self.rng = rng
        self.concept = concept

    def model_name(self) -> str:
        return self.rng.choice(MODEL_STEMS) + self.rng.choice(MODEL_SUFFIXES)

    def fill(self, template: str, year: int) -> str:
        rng = self.rng
        return template.format(
            zh=self.concept.name_zh,
            en=self.concept.name_en,
            method=rng.choice(METHODS_ZH),
            goal=rng.choice(GOALS_ZH),
            task=rng.choice(TASKS_ZH),
            task_en=rng.choice(TITLE_TASKS).lower().replace(" ", "-"),
            baseline=rng.choice(BASELINES),
            field=rng.choice(FIELDS_ZH),
            model=self.model_name(),
            year=year,
            pkg=self.concept.concept_id,
        )

    def paragraph(self, year: int, sentences: tuple[int, int] = (1, 3)) -> str:
        count = self.rng.randint(*sentences)
        return "".join(self.fill(self.rng.choice(SENTENCES), year) for _ in range(count))

    def code_block(self, year: int) -> list[str]:
        kind = self.rng.random()
        if kind < 0.45:
            count = self.rng.randint(3, 5)
            body = [self.fill(self.rng.choice(CODE_LINES_PLAIN), year) for _ in range(count)]
            return ["```", *body, "```", ""]
        if kind < 0.8:
            snippet = self.rng.choice(PY_SNIPPETS)
            return ["```python", *(self.fill(line, year) for line in snippet), "```", ""]
        snippet = self.rng.choice(SHELL_SNIPPETS)
        return ["```bash", *(self.fill(line, year) for line in snippet), "```", ""]


class Papers:
    """The papers cited so far, so that cards agree on them as a clean corpus's do (CL309):
    one year per label and first author, one first author and year per title. A label taken
    by that author in another year gets a numeral (`FlashNet-2`), as model versions do."""

    def __init__(self) -> None:
        self.years: dict[tuple[str, str], int] = {}
        self.titles: dict[str, tuple[str, int]] = {}

    def label(self, name: str, author: str, year: int) -> str:
        label, number = name, 1
        while self.years.setdefault((label, author), year) != year:
            number += 1
            label = f"{name}-{number}"
        return label

    def title(self, draw: Callable[[], str], author: str, year: int) -> str:
        title = draw()
        while self.titles.setdefault(title, (author, year)) != (author, year):
            title = draw()
        return title


def make_citations(rng: random.Random, start: int, end: int, papers: Papers) -> list[Citation]:
    count = rng.choice((1, 2, 2, 3, 3))
    years = [start] + [rng.randint(start, end) for _ in range(count - 1)]
    citations: list[Citation] = []
    used: set[tuple[str, int]] = set()
    for year in sorted(years):
        while True:
            organisation = rng.random() < 0.12
            author = rng.choice(ORGANISATIONS if organisation else SURNAMES)
            if (author, year) not in used:
                break
        used.add((author, year))
        label = papers.label(rng.choice(MODEL_STEMS) + rng.choice(MODEL_SUFFIXES), author, year)

        def draw(label: str = label) -> str:
            return (
                f"{label}: {rng.choice(TITLE_ADJECTIVES)} {rng.choice(TITLE_NOUNS)} "
                f"for {rng.choice(TITLE_TASKS)}"
            )

        title = papers.title(draw, author, year)
        initial = chr(ord("A") + rng.randrange(26))
        citations.append(Citation(label, author, organisation, initial, year, title))
    return citations


def build_card(
    concept: Concept,
    related: Sequence[str],
    rng: random.Random,
    maintainer_pick: int,
    papers: Papers,
) -> tuple[Card, list[Citation], list[int]]:
    writer = Writer(rng, concept)
    start = rng.randint(1986, LATEST_YEAR - 1)
    end = start if rng.random() < 0.45 else min(LATEST_YEAR, start + rng.randint(1, 6))
    introduced = str(start) if start == end else f"{start}-{end}"
    citations = make_citations(rng, start, end, papers)
    paper = ", ".join(c.in_field() for c in citations)
    front = [
        ("concept_id", concept.concept_id),
        ("concept_name_zh", concept.name_zh),
        ("concept_name_en", concept.name_en),
        ("category", rng.choice(CATEGORIES)),
        ("difficulty", rng.choice(DIFFICULTIES)),
        ("introduced", introduced),
        ("paper", f'"{paper}"'),
        ("related_concepts", "[" + ", ".join(related) + "]"),
    ]
    zh, en = concept.name_zh, concept.name_en

    what = [
        f"**{zh} ({en})** {writer.paragraph(start, (2, 3))}",
        "",
        f"**核心思想**: {writer.paragraph(start, (1, 1))}",
        "",
        "### 直观理解",
        "",
        writer.paragraph(start, (1, 3)),
        "",
        *writer.code_block(start),
        "### 实际例子",
        "",
        *writer.code_block(start),
    ]

    why = [writer.paragraph(start, (1, 2)), ""]
    for number in range(1, rng.randint(2, 3) + 1):
        why += [f"### {number}. {rng.choice(GOALS_ZH)}", "", writer.paragraph(start), ""]
        if rng.random() < 0.35:
            why += writer.code_block(start)

    techniques = [writer.paragraph(start, (1, 2)), ""]
    for number in range(1, rng.randint(2, 4) + 1):
        name = rng.choice(MODEL_STEMS) + rng.choice(("Attention", "Routing", "Loss", "Cache"))
        techniques += [f"### {number}. {name}", "", writer.paragraph(start), ""]
        if rng.random() < 0.6:
            techniques += writer.code_block(start)

    span = range(start, min(LATEST_YEAR, start + 12) + 1)  # at least two years: start < 2025
    years = sorted(rng.sample(span, min(rng.randint(2, 5), len(span))))
    evolution = [writer.paragraph(start, (1, 1)), ""]
    timeline_lines: list[int] = []
    for year in years:
        heading = f"{year}: {writer.model_name()} - {rng.choice(GOALS_ZH)}"
        if rng.random() < 0.2 and year < LATEST_YEAR:
            heading = f"{year}-{year + 1}: {writer.model_name()} - {rng.choice(GOALS_ZH)}"
        timeline_lines.append(len(evolution))
        evolution += [f"### {heading}", ""]
        if rng.random() < 0.55:
            evolution += writer.code_block(year)
        else:
            evolution += [writer.paragraph(year), ""]

    strengths = [writer.paragraph(start, (1, 1)), "", "### ✅ 优势", ""]
    for number, (name, why_text) in enumerate(rng.sample(ADVANTAGES_ZH, rng.randint(2, 4)), 1):
        strengths.append(f"{number}. **{name}**: {why_text}")
    strengths += ["", "### ⚠️ 局限", ""]
    for number, (name, why_text) in enumerate(rng.sample(LIMITATIONS_ZH, rng.randint(2, 4)), 1):
        strengths.append(f"{number}. **{name}**: {why_text}")
    strengths.append("")

    references = [c.entry() for c in citations] + [""]
    sections = [
        (f"什么是{zh}？", what),
        ("为什么重要？", why),
        ("关键技术", techniques),
        ("主要模型发展", evolution),
        ("优势与局限", strengths),
        ("参考资料", references),
    ]
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    footer = [
        "---",
        "",
        "**概念卡片版本**: 1.0",
        f"**创建日期**: 2025-{month:02d}-{day:02d}",
        f"**维护者**: {MAINTAINERS[maintainer_pick % len(MAINTAINERS)]}",
    ]
    card = Card(concept, concept.concept_id, front, f"{zh} ({en})", sections, footer)
    return card, citations, timeline_lines


def set_front(card: Card, key: str, value: str) -> None:
    card.front = [(k, value if k == key else v) for k, v in card.front]


def plant(
    kind: str, card: Card, citations: list[Citation], timeline: list[int], rng: random.Random
) -> None:
    """Break `card` in the one way `kind` names."""
    front = dict(card.front)
    date_line = next(i for i, line in enumerate(card.footer) if line.startswith("**创建日期**"))
    planters: dict[str, Callable[[], None]] = {
        "misspelt-category": lambda: set_front(card, "category", MISSPELLINGS[front["category"]]),
        "misspelt-difficulty": lambda: set_front(
            card, "difficulty", MISSPELLINGS[front["difficulty"]]
        ),
        "dangling-reference": lambda: set_front(
            card, "related_concepts", front["related_concepts"].replace("-", "", 1)
        ),
        "self-reference": lambda: set_front(
            card, "related_concepts", front["related_concepts"][:-1] + f", {card.file_stem}]"
        ),
        "missing-section": lambda: drop_section(card, rng),
        "section-order": lambda: card.sections.insert(1, card.sections.pop(2)),
        "bad-date-format": lambda: card.footer.__setitem__(
            date_line, card.footer[date_line].replace("-", "/")
        ),
        "impossible-date": lambda: card.footer.__setitem__(date_line, "**创建日期**: 2025-02-30"),
        "future-date": lambda: card.footer.__setitem__(date_line, "**创建日期**: 2027-03-14"),
        "reversed-range": lambda: reverse_range(card),
        "unknown-field": lambda: card.front.append(("keywords", "[benchmark, synthetic]")),
        "unmatched-citation": lambda: card.sections[-1][1].__setitem__(
            0, citations[0].entry(citations[0].year - 1)
        ),
        "title-mismatch": lambda: setattr(card, "title", card.concept.name_zh),
        "timeline-order": lambda: reverse_timeline(card, timeline),
        "id-filename-mismatch": lambda: setattr(card, "file_stem", card.file_stem + "-card"),
        "empty-section": lambda: card.sections[4][1].clear(),
    }
    planters[kind]()
    card.planted.append(kind)


def drop_section(card: Card, rng: random.Random) -> None:
    del card.sections[rng.randrange(1, len(card.sections))]


def reverse_range(card: Card) -> None:
    """`introduced: 2019-2021` -> `2021-2019`; a single year becomes a range ending earlier."""
    value = dict(card.front)["introduced"]
    first, _, last = value.partition("-")
    set_front(card, "introduced", f"{last or int(first) + 1}-{first}")


def reverse_timeline(card: Card, timeline: list[int]) -> None:
    body = card.sections[3][1]
    first, last = timeline[0], timeline[-1]
    body[first], body[last] = body[last], body[first]


def violation_kinds(count: int, fraction: float, rng: random.Random) -> dict[int, str]:
    """Which cards get a violation, and which kind: every kind in turn, on seeded cards."""
    planted = round(count * fraction)
    chosen = sorted(rng.sample(range(count), planted))
    kinds = list(VIOLATION_CODES)
    return {index: kinds[number % len(kinds)] for number, index in enumerate(chosen)}


def generate(count: int, out: Path, fraction: float, seed: int, force: bool) -> dict[str, int]:
    cards_dir = out / "cards"
    if cards_dir.exists() and any(cards_dir.iterdir()):
        if not force:
            raise SystemExit(f"{cards_dir} is not empty (use --force to replace it)")
        shutil.rmtree(cards_dir)
    cards_dir.mkdir(parents=True, exist_ok=True)

    rng = random.Random(seed)
    concepts = concept_names(count, rng)
    ids = [c.concept_id for c in concepts]
    planted = violation_kinds(count, fraction, rng)
    papers = Papers()
    manifest = []
    total_bytes = 0
    for index, concept in enumerate(concepts):
        card_rng = random.Random(f"{seed}:{index}")
        related: list[str] = []
        if count > 1:
            wanted = min(card_rng.randint(2, 6), count - 1)
            while len(related) < wanted:
                other = ids[card_rng.randrange(count)]
                if other != concept.concept_id and other not in related:
                    related.append(other)
        card, citations, timeline = build_card(concept, related, card_rng, index, papers)
        kind = planted.get(index)
        if kind is not None and not (kind == "dangling-reference" and not related):
            plant(kind, card, citations, timeline, card_rng)
            manifest.append(
                {"card": f"cards/{card.file_stem}.md", "kind": kind, "code": VIOLATION_CODES[kind]}
            )
        data = card.render().encode("utf-8")
        total_bytes += len(data)
        (cards_dir / f"{card.file_stem}.md").write_bytes(data)

    (out / "cardlint.toml").write_text(
        f"# Generated by benchmarks/generate.py --cards {count} --seed {seed} "
        f"--violations {fraction}\n"
        f'roots = ["cards"]\ntoday = "{TODAY}"\n',
        encoding="utf-8",
    )
    (out / "violations.json").write_text(
        json.dumps(
            {"cards": count, "seed": seed, "fraction": fraction, "planted": manifest},
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    return {"cards": count, "bytes": total_bytes, "planted": len(manifest)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--cards", type=int, required=True, help="number of cards")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument(
        "--violations",
        type=float,
        default=0.05,
        help="fraction of cards with one planted violation (default 0.05; 0 = clean)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--force", action="store_true", help="replace an existing OUT/cards folder")
    args = parser.parse_args(argv)
    if args.cards < 1:
        parser.error("--cards must be at least 1")
    if not 0.0 <= args.violations <= 1.0:
        parser.error("--violations must be between 0 and 1")
    stats = generate(args.cards, args.out, args.violations, args.seed, args.force)
    print(
        f"wrote {stats['cards']} cards ({stats['bytes'] / stats['cards'] / 1000:.2f} KB average, "
        f"{stats['planted']} with a planted violation) to {args.out / 'cards'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
