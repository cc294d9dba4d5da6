"""Extractors, on abstracts written for these tests."""

from __future__ import annotations

import pytest


def test_method_from_title_prefix(parse):
    rec = parse("We study pruning. FlashNet prunes tokens early.", title="FlashNet: Pruning Early")
    assert rec.method.name == "FlashNet"
    assert rec.method.field == "title"
    assert rec.title[rec.method.start:rec.method.end] == "FlashNet"


@pytest.mark.parametrize("abstract, name, long_form", [
    ("We propose a method for tool-augmented LLMs, simulated trial and error (STE), that uses memory. "
     "Specifically, STE leverages imagination.", "STE", "simulated trial and error"),
    ("We evaluate facts through a method which we call Search-Augmented Factuality Evaluator (SAFE).",
     "SAFE", "Search-Augmented Factuality Evaluator"),
    ("We argue that splitting is a hierarchy and introduce Hierarchical Sparse Autoencoders (H-SAEs), "
     "which learn a tree.", "H-SAEs", "Hierarchical Sparse Autoencoders"),
    ("In this paper, we propose a new sparse model, GRIP (Gated Routing In Parallel).",
     "GRIP", "Gated Routing In Parallel"),
    ("We introduce Gated Routing In Parallel (GRIP), which routes tokens.",
     "GRIP", "Gated Routing In Parallel"),
    ("We design a planner, dubbed Long Horizon Planner (abbreviated as LoHoP).",
     "LoHoP", "Long Horizon Planner"),
    ("To this end, we propose a novel method called Seed Bank.", "Seed Bank", None),
    ("We present VoxTalk2, an open speech model.", "VoxTalk2", None),
])
def test_method_from_proposal_phrases(parse, abstract, name, long_form):
    rec = parse(abstract, title="A Study of Something")
    assert rec.method is not None and rec.method.name == name
    assert rec.method.long_form == long_form
    assert rec.abstract[rec.method.start:rec.method.end] == name


@pytest.mark.parametrize("title, abstract", [
    ("A Survey of Efficient Transformers", "We survey 120 papers on efficient attention."),
    ("Beyond the Imitation Game: Measuring Models", "We evaluate GPT-4 on many tasks."),
    ("On the Limits of Scaling", "We show that the problem is NP-hard in general."),
])
def test_no_method_for_surveys_and_phrases(parse, title, abstract):
    assert parse(abstract, title=title).method is None


def test_benchmark_is_a_dataset_not_a_method(parse):
    rec = parse("We introduce the Long Dialogue Benchmark (LoDiBench), a bilingual benchmark. "
                "Models score 41.2% accuracy on LoDiBench.", title="Measuring Long Dialogue")
    assert rec.method is None
    assert "LoDiBench" in [d.name for d in rec.datasets]


def test_known_datasets_and_metrics(parse):
    rec = parse("Our model reaches 85.4% top-1 accuracy on ImageNet-1K and 52.2 mIoU on ADE20K.")
    assert [d.name for d in rec.datasets] == ["ImageNet-1K", "ADE20K"]
    assert [m.name for m in rec.metrics] == ["top-1 accuracy", "mIoU"]
    assert rec.datasets[0].canonical == "ImageNet-1K"


def test_results_values_units_kinds(parse):
    rec = parse("On ImageNet-1K, it reduces the FLOPs of DeiT-B by 38.2% while keeping 81.6% "
                "top-1 accuracy, a drop of only 0.2%. It also runs 1.7x faster.")
    got = [(r.value, r.unit, r.metric, r.dataset, r.kind) for r in rec.results]
    assert got == [
        (38.2, "%", "FLOPs", "ImageNet-1K", "relative"),
        (81.6, "%", "top-1 accuracy", "ImageNet-1K", "absolute"),
        (0.2, "%", "top-1 accuracy", "ImageNet-1K", "delta"),
        (1.7, "x", "speed", None, "relative"),
    ]


def test_respectively_lists_are_resolved(parse):
    rec = parse("It achieves 53.9 box AP and 46.4 mask AP on COCO, surpassing the baseline by "
                "+1.2 and +2.0 respectively.")
    got = [(r.value, r.metric, r.dataset, r.kind) for r in rec.results]
    assert got == [(53.9, "box AP", "COCO", "absolute"), (46.4, "mask AP", "COCO", "absolute"),
                   (1.2, "box AP", "COCO", "delta"), (2.0, "mask AP", "COCO", "delta")]


def test_latex_percent_and_bleu_delta(parse):
    rec = parse(r"It outperforms the baseline by 2 BLEU and reaches 91.3\% accuracy.")
    assert [(r.value, r.unit, r.metric, r.kind) for r in rec.results] == [
        (2.0, None, "BLEU", "delta"), (91.3, "%", "accuracy", "absolute")]


def test_from_a_to_b(parse):
    rec = parse("Fine-tuning raises accuracy on GSM8K from 71.2% to 78.9%.")
    assert [(r.value, r.dataset) for r in rec.results] == [(71.2, "GSM8K"), (78.9, "GSM8K")]


@pytest.mark.parametrize("abstract", [
    "BIG-bench consists of 204 tasks contributed by 442 authors across 132 institutions.",
    "We train a 7B model on 2T tokens with 64 GPUs for 12 days in 2023.",
    "Section 3 describes the setup; Table 2 lists the accuracy of each model.",
    "Models are trained at up to 4x the Chinchilla-optimal token budget to study the loss.",
])
def test_setup_numbers_are_not_results(parse, abstract):
    assert parse(abstract).results == []


def test_number_without_metric_is_not_a_result(parse):
    assert parse("Our approach improves performance by 20% over prior work.").results == []


@pytest.mark.parametrize("text, url, is_code", [
    ("Code: https://github.com/a/b.", "https://github.com/a/b", True),
    ("Code is at github.com/a/b-c).", "https://github.com/a/b-c", True),
    ("See https:/github.com/x/y for details", "https://github.com/x/y", True),
    (r"Available at \url{https://github.com/x/my\_repo}.", "https://github.com/x/my_repo", True),
    ("Videos are on https://demo.github.io/page/.", "https://demo.github.io/page/", False),
    ("Our code and data are released at https://example.org/proj.", "https://example.org/proj",
     True),
    (r"Our code is \href{https://github.com/x/y}{here}.", "https://github.com/x/y", True),
    ("Code: https://github.com/x/y{GitHub}.", "https://github.com/x/y", True),
    ("Code at \u201chttps://github.com/x/y\u201d.", "https://github.com/x/y", True),
    ("Code: https://github.com/x/y/tree/main/proj.", "https://github.com/x/y/tree/main/proj", True),
    # cut by a line break after the owner, at a hyphen, or after the host
    ("Code is at https://github.com/x/\nmy-repo.", "https://github.com/x/my-repo", True),
    ("Code is at https://github.com/x/my-\nrepo.", "https://github.com/x/my-repo", True),
    ("Code is at https://github.com/\nx/y.", "https://github.com/x/y", True),
    # ... but a link that merely ends with a slash is not glued to the next word
    ("See https://github.com/x/ for more.", "https://github.com/x/", True),
])
def test_urls(parse, text, url, is_code):
    rec = parse(text)
    assert [u.url for u in rec.urls] == [url]
    assert bool(rec.code_urls) is is_code


def test_a_data_link_beside_a_code_link_is_not_code(parse):
    rec = parse("Code: https://github.com/x/y; data: https://zenodo.org/record/1.")
    assert [u.url for u in rec.code_urls] == ["https://github.com/x/y"]
    assert [u.url for u in rec.urls] == ["https://github.com/x/y", "https://zenodo.org/record/1"]


def test_links_joined_by_and_share_the_code_cue(parse):
    rec = parse("Code and demos: https://foo.io/a and https://bar.io/b.")
    assert [u.url for u in rec.code_urls] == ["https://foo.io/a", "https://bar.io/b"]


def test_every_item_names_its_rule(parse):
    rec = parse("We propose FooNet. It gets 80.0% accuracy on CIFAR-10. https://github.com/f/n",
                title="FooNet: Fast")
    items = [rec.method, *rec.datasets, *rec.metrics, *rec.results, *rec.code_urls]
    assert all(item.rule for item in items)


def test_ranges_glued_units_and_measures_named_by_their_unit(parse):
    rec = parse("Existing models only reach a correctness rate in the range of 30% to 60%. "
                "It achieves a 6.1times speedup and an error of 0.0011 bits per byte.")
    assert [(r.value, r.unit, r.metric) for r in rec.results] == [
        (30.0, "%", "correctness rate"), (60.0, "%", "correctness rate"),
        (6.1, "x", "speedup"), (0.0011, None, "bits per byte")]


def test_hyphenated_variant_of_a_known_dataset_keeps_its_suffix(parse):
    rec = parse("It reaches success rates of 92.1%, 85.4% and 78.0% on LIBERO-Spatial, LIBERO-Object "
                "and LIBERO-Goal, respectively. ImageNet-pretrained weights are used.")
    # "-pretrained" is not a variant suffix: the name stays "ImageNet"
    assert [d.name for d in rec.datasets] == ["LIBERO-Spatial", "LIBERO-Object", "LIBERO-Goal", "ImageNet"]
    assert [(r.value, r.dataset) for r in rec.results] == [
        (92.1, "LIBERO-Spatial"), (85.4, "LIBERO-Object"), (78.0, "LIBERO-Goal")]


def test_metric_inside_a_modifier_compound_is_not_a_metric(parse):
    rec = parse("Our 4-bit model keeps 99.2% of the full-precision accuracy while cutting memory by 75%.")
    assert [(r.value, r.metric) for r in rec.results] == [(99.2, "accuracy"), (75.0, "memory")]


def test_second_value_of_a_list_shares_the_metric(parse):
    rec = parse("It achieves a Dice score of 0.912 on BraTS 2021 and 0.874 on KiTS19.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (0.912, "Dice", "BraTS 2021"), (0.874, "Dice", "KiTS19")]


def test_number_after_an_at_k_metric_is_not_swallowed(parse):
    rec = parse("Our retriever raises Recall@100 to 92.0 on MS MARCO.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [(92.0, "Recall@100", "MS MARCO")]


def test_respectively_list_uses_its_own_metric_and_dataset_list(parse):
    rec = parse("It improves exact match on HotpotQA and MuSiQue by 4.8 and 5.3 points, and reaches "
                "F1 scores of 71.2 and 44.9, respectively.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (4.8, "exact match", "HotpotQA"), (5.3, "exact match", "MuSiQue"),
        (71.2, "F1", "HotpotQA"), (44.9, "F1", "MuSiQue")]


def test_numbers_listed_before_a_metric_pair_with_listed_datasets(parse):
    rec = parse("VideoAgent achieves 54.1% and 71.3% zero-shot accuracy on EgoSchema and NExT-QA.")
    assert [(r.value, r.dataset) for r in rec.results] == [(54.1, "EgoSchema"), (71.3, "NExT-QA")]


def test_introduced_benchmark_is_a_dataset_not_the_method(parse):
    rec = parse("We introduce LeakLens, a benchmark of 400 multi-app workflows. The best agent leaks data "
                "in 23.8% of trajectories.", title="LeakLens: Measuring Privacy Leakage of LLM Agents")
    assert rec.method is None
    assert [d.name for d in rec.datasets] == ["LeakLens"]


def test_counts_and_fractions_are_not_results(parse):
    rec = parse("It achieves the lowest MSE in 29 of 32 settings and needs 1/2 of the inference time.")
    assert rec.results == []
    rec = parse("It reaches a ROC-AUC of 0.934 on the 51 datasets of TabArena, winning on 38 of them.")
    assert [r.value for r in rec.results] == [0.934]


def test_a_change_by_points_continues_the_previous_measure(parse):
    rec = parse("On NAVSIM, it obtains a PDM score of 89.6, surpassing prior planners by 2.4 points.")
    assert [(r.value, r.metric, r.kind) for r in rec.results] == [
        (89.6, "PDM score", "absolute"), (2.4, "PDM score", "delta")]


def test_values_written_as_a_pair_take_the_metrics_written_as_a_pair(parse):
    rec = parse("It reaches an EM/F1 of 61.3/72.8 on MedQA and solves 41/60 tasks.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (61.3, "EM", "MedQA"), (72.8, "F1", "MedQA")]


def test_a_table_in_prose_shares_its_metric(parse):
    rec = parse("The model reaches these pass@1 scores: HumanEval+: 88.4; MBPP+: 74.9; LiveCodeBench: 39.2.")
    assert [(r.value, r.dataset) for r in rec.results] == [
        (88.4, "HumanEval+"), (74.9, "MBPP+"), (39.2, "LiveCodeBench")]
    assert {r.metric for r in rec.results} == {"pass@1"}


def test_measure_named_after_a_benchmark(parse):
    rec = parse("It obtains an MT-Bench score of 8.6, while the average response length grows by only 7%.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (8.6, "MT-Bench score", "MT-Bench"), (7.0, "response length", None)]


def test_durations_that_are_outcomes_name_the_time_they_measure(parse):
    rec = parse("Training takes 18 minutes per scene, and the model renders a frame in 3 ms. "
                "We train for 12 days on 64 GPUs.")
    assert [(r.value, r.metric) for r in rec.results] == [(18.0, "training time"), (3.0, "rendering time")]


def test_counted_measures_after_the_number_of(parse):
    rec = parse("TempoZip reduces the number of visual tokens by 75% while improving accuracy.")
    assert [(r.value, r.metric, r.kind) for r in rec.results] == [(75.0, "visual tokens", "relative")]


@pytest.mark.parametrize("text", [
    "Accuracy improves (p < 0.05) with 3×3 convolutions at 1024x1024 resolution.",
    "The win rate of our model is stable, with a 95% CI of 50-60%.",
    "Accuracy [12] of prior work was reported without code [3, 4].",
    "Using only 10% of the training data is enough; the loss of 2.3e+2 is irrelevant.",
    "Audio is split in 30 s windows and admitted within 24 h of admission.",
])
def test_statistics_citations_and_dimensions_are_not_results(parse, text):
    assert parse(text).results == []


def test_each_value_of_an_en_dash_range_keeps_its_value(parse):
    rec = parse("It reaches BLEU scores of 30–35 on WMT14 and an accuracy of 90.1 ± 0.3% on CIFAR-10.")
    assert [(r.value, r.unit, r.metric) for r in rec.results] == [
        (30.0, None, "BLEU"), (35.0, None, "BLEU"), (90.1, "%", "accuracy")]


def test_measure_words_used_as_modifiers_are_not_measures(parse):
    rec = parse("Reward models score higher, and our latency-aware engine reaches 12 ms latency.")
    assert [(r.value, r.metric) for r in rec.results] == [(12.0, "latency")]
    assert [m.name for m in rec.metrics] == ["latency"]


def test_measurement_units_are_kept_beside_the_value(parse):
    rec = parse("Training takes 18 minutes per scene; rendering runs at 142 FPS with 12 ms latency, "
                "and PSNR improves by 0.8 dB while accuracy reaches 80.1%.")
    assert [(r.value, r.unit, r.unit_text) for r in rec.results] == [
        (18.0, None, "minutes"), (142.0, None, "FPS"), (12.0, None, "ms"), (0.8, None, "dB"), (80.1, "%", None)]


def test_both_ends_of_a_fall_are_scores_and_a_later_clause_is_not_a_change(parse):
    rec = parse("The attack success rate drops from 68% to 4%. On nuScenes it achieves 65.2 NDS and "
                "58.9 mAP, outperforming BEVFormer by 4.3 NDS.")
    assert [(r.value, r.metric, r.kind) for r in rec.results] == [
        (68.0, "attack success rate", "absolute"), (4.0, "attack success rate", "absolute"),
        (65.2, "NDS", "absolute"), (58.9, "mAP", "absolute"), (4.3, "NDS", "delta")]


def test_a_dataset_after_two_measures_belongs_to_both(parse):
    rec = parse("We report a PSNR of 31.2 dB and SSIM of 0.95 on the LLFF dataset. "
                "The model lowers MSE by 12.5% and MAE by 9.8% on the ETTh1 dataset.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (31.2, "PSNR", "LLFF"), (0.95, "SSIM", "LLFF"), (12.5, "MSE", "ETTh1"), (9.8, "MAE", "ETTh1")]


def test_a_unit_after_an_outcome_is_not_the_method(parse):
    rec = parse("Our model achieves a mean absolute error of 0.021 eV on QM9 energy prediction, "
                "while memory drops by 73%.")
    assert rec.method is None
    assert [m.name for m in rec.metrics] == ["mean absolute error", "memory"]


@pytest.mark.parametrize("text, expected", [
    ("It reaches 78.5% accuracy under ε = 1 differential privacy with k=5 neighbours.", [(78.5, "accuracy")]),
    ("It attains 86.5% accuracy, a 4.3-point improvement over Med-PaLM 2.", [(86.5, "accuracy"), (4.3, "accuracy")]),
    ("Our 8B model outperforms Llama 3 70B and Claude 3.5 Sonnet with 81.2% accuracy.", [(81.2, "accuracy")]),
])
def test_variable_settings_and_model_versions_are_not_results(parse, text, expected):
    assert [(r.value, r.metric) for r in parse(text).results] == expected


@pytest.mark.parametrize("text, expected", [
    ("The generator achieves 98.7% validity and 95.1% uniqueness.", [(98.7, "validity"), (95.1, "uniqueness")]),
    ("The rollout overhead is only ~15% compared with GRPO.", [(15.0, "rollout overhead")]),
    ("Calibration takes under 20 minutes on a single GPU.", [(20.0, "calibration time")]),
    ("Our method keeps the throughput above 1,200 tokens/s.", [(1200.0, "throughput")]),
    ("It covers 95% diversity of the data.", []),
])
def test_measures_named_by_quality_nouns_copulas_durations_and_rates(parse, text, expected):
    assert [(r.value, r.metric) for r in parse(text).results] == expected


def test_a_dataset_named_with_its_noun_and_an_acronym_that_only_looks_like_one(parse):
    rec = parse("We propose SPARC (Step-wise Process Advantage via Rollout Consistency), a critic-free method. "
                "Experiments on the Yelp dataset and the Long Range Graph Benchmark show gains of SPARC.")
    assert rec.method.name == "SPARC"
    assert [d.name for d in rec.datasets] == ["Yelp", "Long Range Graph Benchmark"]


def test_a_mark_after_a_name_is_part_of_it(parse):
    assert parse("We propose a variant of AtP called AtP*, with two changes.").method.name == "AtP*"


def test_cut_off_measures_and_a_bracketed_measure_closing_a_list(parse):
    rec = parse("It reaches 34.6% on AIME 2024 and 27.1% on AIME 2025 (avg@32), improving over GRPO by 6.2 "
                "and 4.8 points respectively. It improves pass^1 on retail tasks from 34.8% to 51.3%.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (34.6, "avg@32", "AIME 2024"), (27.1, "avg@32", "AIME 2025"),
        (6.2, "avg@32", "AIME 2024"), (4.8, "avg@32", "AIME 2025"),
        (34.8, "pass^1", None), (51.3, "pass^1", None)]


def test_a_cost_in_a_later_clause_does_not_take_the_dataset_of_an_earlier_one(parse):
    rec = parse("On Mip-NeRF 360, it improves PSNR by 1.4 dB over Zip-NeRF while training 2.1x faster.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (1.4, "PSNR", "Mip-NeRF 360"), (2.1, "speed", None)]


@pytest.mark.parametrize("text, expected", [
    ("A reader study shows it reduced annotation time per CT volume from 14.2 to 3.1 minutes.",
     [(14.2, "annotation time"), (3.1, "annotation time")]),
    ("It reduces the median strain energy of generated conformers from 78.2 to 41.6 kcal/mol.",
     [(78.2, "median strain energy"), (41.6, "median strain energy")]),
    ("On QM9 it reaches 96.8% molecule stability with 99.1% validity.",
     [(96.8, "molecule stability"), (99.1, "validity")]),
])
def test_the_measure_of_a_from_to_change_and_of_a_share(parse, text, expected):
    assert [(r.value, r.metric) for r in parse(text).results] == expected


def test_later_scores_on_benchmarks_share_the_measure_and_changes_far_after_a_score(parse):
    rec = parse("It reaches 34.6% on AIME 2024 (avg@32), and achieves 84.2% and 71.5% on MATH-500 and AMC23. "
                "It resolves 46.8% of issues on SWE-bench Verified with a single attempt and 58.2% with best-of-16 "
                "sampling plus verifier reranking, outperforming SWE-Gym-32B by 26.3 points.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (34.6, "avg@32", "AIME 2024"), (84.2, "avg@32", "MATH-500"), (71.5, "avg@32", "AMC23"),
        (46.8, "resolve rate", "SWE-bench Verified"), (58.2, "resolve rate", "SWE-bench Verified"),
        (26.3, "resolve rate", "SWE-bench Verified")]


def test_a_value_of_another_named_quantity_does_not_continue_a_list(parse):
    rec = parse("It cuts memory by 60%, with a learning rate of 0.001 and more than 90% of weights frozen. "
                "The best model reaches an average accuracy of only 51.3%, far below the human baseline of 84.6%.")
    assert [(r.value, r.metric) for r in rec.results] == [
        (60.0, "memory"), (51.3, "average accuracy"), (84.6, "average accuracy")]


def test_respectively_list_before_a_modified_measure_and_a_measure_named_with_score(parse):
    rec = parse("It achieves up to 1.9x and 2.6x end-to-end speedups respectively. On HotpotQA and MuSiQue, "
                "it achieves EM scores of 51.2 and 24.8 respectively.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (1.9, "speedup", None), (2.6, "speedup", None), (51.2, "EM", "HotpotQA"), (24.8, "EM", "MuSiQue")]


@pytest.mark.parametrize("text, expected", [
    ("On RULER, ScaleWarp scores 82.4, compared with 75.1 for YaRN.", [(82.4, "score"), (75.1, "score")]),
    ("It issues 32% fewer search calls than Search-R1.", [(32.0, "search calls")]),
    ("It adds only ~15% rollout overhead thanks to prefix sharing.", [(15.0, "rollout overhead")]),
])
def test_measures_named_by_the_verb_or_after_a_relative_amount(parse, text, expected):
    assert [(r.value, r.metric) for r in parse(text).results] == expected


@pytest.mark.parametrize("text, code", [
    ("Models: https://huggingface.co/collections/acme/foo-models.", True),
    ("Paper page: https://huggingface.co/papers/2403.00001.", False),
    ("The data is at https://huggingface.co/datasets/acme/foo.", True),
    ("Docs: https://huggingface.co/docs/transformers.", False),
])
def test_hugging_face_site_pages_are_not_code_but_its_models_and_datasets_are(parse, text, code):
    assert [u.url for u in parse(text).code_urls] == ([text.split()[-1].rstrip(".")] if code else [])


def test_bracketed_values_after_names_share_the_measure_and_a_later_clause_keeps_its_dataset(parse):
    rec = parse("The best system reaches 61.2% overall accuracy, while open models such as Kimi-Audio (45.9%) "
                "lag far behind human listeners (88.6%). On ImageNet-1K it increases throughput by 1.6x with only "
                "a 0.3% drop in top-1 accuracy, and it also accelerates dense prediction on COCO. It reaches 47.9 "
                "EPDMS on the more challenging NAVSIM v2 benchmark.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (61.2, "overall accuracy", None), (45.9, "overall accuracy", None), (88.6, "overall accuracy", None),
        (1.6, "throughput", "ImageNet-1K"), (0.3, "top-1 accuracy", "ImageNet-1K"), (47.9, "EPDMS", "NAVSIM v2")]


def test_splits_of_a_dataset_name_the_dataset(parse):
    rec = parse("It achieves 93.8%, 92.4% and 90.7% overall accuracy on the OBJ-BG, OBJ-ONLY and PB-T50-RS "
                "splits of ScanObjectNN, respectively, and 94.6% on ModelNet40.")
    assert [d.name for d in rec.datasets] == ["ScanObjectNN", "ModelNet40"]
    assert [(r.value, r.dataset) for r in rec.results] == [
        (93.8, "ScanObjectNN"), (92.4, "ScanObjectNN"), (90.7, "ScanObjectNN"), (94.6, "ModelNet40")]


def test_initials_after_a_value_name_a_measure_and_bracketed_changes_keep_their_data(parse):
    rec = parse("On Bench2Drive, it obtains a Driving Score of 86.4, a +7.3 DS improvement over imitation. "
                "Frozen features obtain 51.7 mIoU on ADE20K with a linear head (+3.4 over DINOv2) and an RMSE of "
                "0.291 on NYU-Depth v2, and 82.1% k-NN top-1 accuracy on ImageNet-1K.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (86.4, "Driving Score", "Bench2Drive"), (7.3, "Driving Score", "Bench2Drive"),
        (51.7, "mIoU", "ADE20K"), (3.4, "mIoU", "ADE20K"), (0.291, "RMSE", "NYU-Depth v2"),
        (82.1, "k-NN top-1 accuracy", "ImageNet-1K")]


def test_a_topic_acronym_after_a_proposal_phrase_is_not_the_method(parse):
    rec = parse("We propose a novel framework for filtering data by leveraging fine-tuned Multimodal Language "
                "Models (MLMs). Our filters improve MLMs.")
    assert rec.method is None


def test_arrows_and_value_pairs_before_a_metric_pair(parse):
    rec = parse("Accuracy on GSM8K rises from 62.1% → 74.5% after training. It attains 78.2/85.1 EM/F1 on SQuAD.")
    assert [(r.value, r.metric) for r in rec.results] == [
        (62.1, "Accuracy"), (74.5, "Accuracy"), (78.2, "EM"), (85.1, "F1")]


def test_list_items_do_not_keep_the_sentence_period_and_training_data_are_datasets(parse):
    rec = parse("We evaluate on three public datasets: Kvasir, CVC-ClinicDB and ETIS-Larib. "
                "We fine-tune on OpenHermes and evaluate zero-shot on BoolQ and PIQA.")
    assert [d.name for d in rec.datasets] == ["Kvasir", "CVC-ClinicDB", "ETIS-Larib", "OpenHermes", "BoolQ", "PIQA"]


def test_a_list_closed_by_a_bracketed_measure_keeps_each_dataset_and_adjectives_are_not_names(parse):
    rec = parse("Our model achieves 87.2 on MMLU-Redux, 71.5 on GPQA Diamond and 65.9 on LiveCodeBench (Pass@1). "
                "On MATH-500, it attains an impressive score of 97.3%.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (87.2, "Pass@1", "MMLU-Redux"), (71.5, "Pass@1", "GPQA Diamond"), (65.9, "Pass@1", "LiveCodeBench"),
        (97.3, "score", "MATH-500")]


@pytest.mark.parametrize("text", [
    "With 70B parameters, the model reaches 86.0% on MMLU.",
    "Latency is measured over 1,000 requests on a single GPU.",
])
def test_a_measure_with_its_own_setup_value_does_not_take_a_later_number(parse, text):
    assert parse(text).results == []


def test_a_value_in_decibels_measures_the_sentences_psnr(parse):
    rec = parse("It achieves 25.84 dB PSNR, 0.835 SSIM and 0.141 LPIPS on DL3DV-10K, outperforming NoPoSplat by "
                "2.9 dB and surpassing MVSplat (24.17 dB).")
    assert [(r.value, r.metric) for r in rec.results] == [
        (25.84, "PSNR"), (0.835, "SSIM"), (0.141, "LPIPS"), (2.9, "PSNR"), (24.17, "PSNR")]


def test_an_appended_gain_in_points_measures_the_result_before_it(parse):
    rec = parse("It resolves 59.4% of issues on SWE-bench Verified with the OpenHands scaffold, a 14.2-point gain "
                "over the SFT-only baseline.")
    assert [(r.value, r.metric, r.dataset, r.kind) for r in rec.results] == [
        (59.4, "resolve rate", "SWE-bench Verified", "absolute"), (14.2, "resolve rate", "SWE-bench Verified", "delta")]


def test_names_listed_after_a_dataset_noun_are_all_datasets(parse):
    rec = parse("On the streaming benchmarks RVS-Ego and RVS-Movie, it obtains 57.6% and 53.2% accuracy.")
    assert [(r.value, r.dataset) for r in rec.results] == [(57.6, "RVS-Ego"), (53.2, "RVS-Movie")]


@pytest.mark.parametrize("text, expected", [
    ("It needs 3times lower GPU memory usage and 5times faster fitting time.",
     [(3.0, "GPU memory usage"), (5.0, "fitting time")]),
    ("It achieves 2x faster inference speed on A100.", [(2.0, "inference speed")]),
    ("It is 3x faster than the baseline.", [(3.0, "speed")]),
])
def test_the_measure_named_after_a_comparative(parse, text, expected):
    assert [(r.value, r.metric) for r in parse(text).results] == expected


@pytest.mark.parametrize("text, expected", [
    ("The weather model achieves lower RMSE than IFS HRES on 92% of targets.", []),
    ("The best agent solves 38.5% of tasks.", [(38.5, "success rate")]),
    ("The agent resolves 62.4% of issues on SWE-bench Verified.", [(62.4, "resolve rate")]),
])
def test_a_share_of_cases_is_not_a_value_of_a_non_rate_measure(parse, text, expected):
    assert [(r.value, r.metric) for r in parse(text).results] == expected


@pytest.mark.parametrize("text, expected", [
    ("On nuScenes, our detector improves NDS to 68.1 and mAP to 61.7.",
     [(68.1, "NDS", "absolute"), (61.7, "mAP", "absolute")]),
    ("The forecaster lowers MSE by 11.2% and MAE by 8.7% on Weather.",
     [(11.2, "MSE", "relative"), (8.7, "MAE", "relative")]),
    ("The recommender improves Recall@20 and NDCG@20 by 7.4% and 9.1% on Amazon-Book.",
     [(7.4, "Recall@20", "delta"), (9.1, "NDCG@20", "delta")]),
    ("Fine-tuning improves accuracy by 2.1% and 3.4% on CIFAR-100 and ImageNet-1K.",
     [(2.1, "accuracy", "delta"), (3.4, "accuracy", "delta")]),
    ("Our sampler lowers FID by 18% on FFHQ.", [(18.0, "FID", "relative")]),
    ("It reaches an NDCG@10 of 0.0403 on Amazon Beauty, and improves NDCG@10 by 9.6% on Yelp.",
     [(0.0403, "NDCG@10", "absolute"), (9.6, "NDCG@10", "relative")]),
])
def test_kinds_of_changes_and_lists_of_measures_with_lists_of_values(parse, text, expected):
    rec = parse(text)
    assert [(r.value, r.metric, r.kind) for r in rec.results] == expected


def test_a_set_named_after_a_value_is_not_a_measure(parse):
    rec = parse("It achieves an AUROC of 0.912 on the internal test cohort and 0.874 on the external validation set.")
    assert [m.name for m in rec.metrics] == ["AUROC"]
    assert [(r.value, r.metric) for r in rec.results] == [(0.912, "AUROC"), (0.874, "AUROC")]


def test_a_users_gazetteer_says_how_its_measures_change(parse, tmp_path):
    text = "Our decoder improves the glitch rate by 12% on VCTK."
    assert [(r.metric, r.kind) for r in parse(text).results] == [("glitch rate", "delta")]  # a rate: points
    mine = tmp_path / "my_metrics.jsonl"
    mine.write_text('{"name": "glitch rate", "label": "METRIC", "higher_is_better": false}\n')
    from abstractparse import parse as parse_with
    rec = parse_with(text, gazetteers=[str(mine)])
    assert [(r.metric, r.kind) for r in rec.results] == [("glitch rate", "relative")]  # lower is better: a ratio


def test_success_after_a_share_is_a_success_rate(parse):
    rec = parse("Our policy achieves 92.1% average success on LIBERO and 71.4% on SimplerEnv.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (92.1, "success rate", "LIBERO"), (71.4, "success rate", "SimplerEnv")]


def test_words_listed_with_a_known_name_before_a_plural_dataset_noun_are_datasets(parse):
    rec = parse("On the Amazon Beauty, Sports and Toys datasets, our recommender reaches Recall@10 of 0.0773, "
                "0.0491 and 0.0837, respectively, outperforming TIGER by 19.3%, 22.8% and 17.5%.")
    assert [d.name for d in rec.datasets] == ["Amazon Beauty", "Sports", "Toys"]
    assert [(r.value, r.dataset) for r in rec.results] == [
        (0.0773, "Amazon Beauty"), (0.0491, "Sports"), (0.0837, "Toys"),
        (19.3, "Amazon Beauty"), (22.8, "Sports"), (17.5, "Toys")]
    assert parse("We test on the English, German and French datasets.").datasets == []


def test_counts_keep_their_plural_and_known_measures_their_singular(parse):
    assert [r.metric for r in parse("On WMT24++, it reduces omission errors by 37%.").results] == ["omission errors"]
    rec = parse("The expected calibration errors of our model are 0.15 and 0.21 on MedQA and PubMedQA.")
    assert {r.metric for r in rec.results} == {"expected calibration error"}
    assert parse("Our model cuts FLOPs by 37%.").results[0].metric == "FLOPs"


def test_names_of_dynamic_scene_benchmarks_and_masked_measures(parse):
    rec = parse("On the DyCheck iPhone dataset, TrajGS achieves an mPSNR of 17.9, compared with 16.7 for "
                "Shape of Motion.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (17.9, "mPSNR", "DyCheck iPhone"), (16.7, "mPSNR", "DyCheck iPhone")]


def test_a_bracketed_breakdown_and_baselines_after_against_share_the_measure(parse):
    rec = parse("Our policy attains an average success rate of 97.6% on LIBERO (98.4% Spatial, 95.8% Long).")
    assert [(r.value, r.dataset) for r in rec.results] == [(97.6, "LIBERO"), (98.4, "LIBERO"), (95.8, "LIBERO")]
    rec = parse("Our model attains a mean accuracy of 81.2% (ImageNet-A 64.1%, ImageNet-R 88.0%).")
    assert [(r.value, r.dataset) for r in rec.results] == [(81.2, None), (64.1, "ImageNet-A"), (88.0, "ImageNet-R")]
    rec = parse("On real tasks, it succeeds in 71% of trials against 52% for OpenVLA and 38% for Octo.")
    assert [(r.value, r.metric) for r in rec.results] == [(71.0, "success rate"), (52.0, "success rate"),
                                                           (38.0, "success rate")]


def test_from_a_value_measured_somewhere_to_another(parse):
    rec = parse("Cohen's kappa falls from 0.61 on English to 0.29 on Yoruba.")
    assert [(r.value, r.kind) for r in rec.results] == [(0.61, "absolute"), (0.29, "absolute")]


def test_a_plain_phrase_before_the_title_colon_yields_to_a_coined_proposal(parse):
    rec = parse("We propose DECAF (Decoupled Entropy Control with Advantage Filtering), which rescales updates.",
                title="Rescuing Rare Tokens: Decoupled Entropy Control for Stable RL")
    assert rec.method.name == "DECAF"
    rec = parse("We propose a new backbone. FlashNet prunes tokens early.", title="FlashNet: Pruning Early")
    assert rec.method.name == "FlashNet"


@pytest.mark.parametrize("text, expected", [
    ("On MATH-500, it improves accuracy by 1.2 points (93.0% vs. 91.8%).",
     [(1.2, "accuracy", "delta"), (93.0, "accuracy", "absolute"), (91.8, "accuracy", "absolute")]),
    ("It shrinks the average model size from 734 MB for vanilla 3DGS to 9.8 MB, a 75× reduction.",
     [(734.0, "model size", "absolute"), (9.8, "model size", "absolute"), (75.0, "model size", "relative")]),
    ("It raises top-1 accuracy from 54.8% for the best previous template-free model to 61.7%.",
     [(54.8, "top-1 accuracy", "absolute"), (61.7, "top-1 accuracy", "absolute")]),
    ("Binders show an average hit rate of 24% compared with 6% for an RFdiffusion pipeline.",
     [(24.0, "hit rate", "absolute"), (6.0, "hit rate", "absolute")]),
    ("The detector reaches 33.0 AP at 2.4 ms, faster than every prior detector.",
     [(33.0, "AP", "absolute"), (2.4, "latency", "absolute")]),
    ("CoEx yields a 1.7× end-to-end wall-clock speedup with vLLM.", [(1.7, "wall-clock speedup", "relative")]),
    ("It increases the maximum batch size by 4.8x and decoding throughput by 2.9x.",
     [(4.8, "maximum batch size", "relative"), (2.9, "decoding throughput", "relative")]),
])
def test_values_around_a_result_that_share_or_name_its_measure(parse, text, expected):
    assert [(r.value, r.metric, r.kind) for r in parse(text).results] == expected


def test_a_split_after_a_value_is_not_a_measure(parse):
    rec = parse("It achieves WERs of 1.42 on Seed-TTS-eval test-zh and 2.05 on test-en.")
    assert {r.metric for r in rec.results} == {"WER"}


def test_a_gain_in_points_after_a_list_and_a_measure_at_an_operating_point(parse):
    rec = parse("It obtains Dice scores of 93.1% on AMOS and 91.2% on BTCV, exceeding nnU-Net trained on each "
                "dataset by 1.8 points on average.")
    assert [(r.value, r.metric, r.kind) for r in rec.results][-1] == (1.8, "Dice", "delta")  # "Dice scores" names Dice
    rec = parse("Physicians reached a sensitivity of 71.4% at a specificity of 82.0%.")
    assert [(r.value, r.metric) for r in rec.results] == [(71.4, "sensitivity"), (82.0, "specificity")]


def test_a_second_from_to_pair_in_a_later_clause_keeps_the_measure(parse):
    rec = parse("On GSM8K, accuracy rises from 78.2% to 85.6%, while on MATH it rises from 42.0% to 51.3%.")
    assert [(r.value, r.metric, r.dataset) for r in rec.results] == [
        (78.2, "accuracy", "GSM8K"), (85.6, "accuracy", "GSM8K"),
        (42.0, "accuracy", "MATH"), (51.3, "accuracy", "MATH")]


@pytest.mark.parametrize("text, expected", [
    ("Our agent achieves a 65.2% resolve rate on SWE-bench Verified, up from 49.0% for the base model.",
     [(65.2, "resolve rate", "SWE-bench Verified", "absolute"),
      (49.0, "resolve rate", "SWE-bench Verified", "absolute")]),
    ("The model leads VBench with a total score of 86.7%.", [(86.7, "total score", "VBench", "absolute")]),
    ("On Video-MME, it scores 71.3, and 64.8 on MLVU.",
     [(71.3, "score", "Video-MME", "absolute"), (64.8, "score", "MLVU", "absolute")]),
])
def test_aggregate_scores_starting_values_and_an_opening_dataset(parse, text, expected):
    assert [(r.value, r.metric, r.dataset, r.kind) for r in parse(text).results] == expected


@pytest.mark.parametrize("text, expected", [
    ("It achieves a CER of 1.09% with SIM-o of 0.77 on test-zh.", [(1.09, "CER"), (0.77, "SIM-o")]),
    ("With a MASE of 0.688 and a CRPS of 0.476, it is ahead of TimesFM-2.0 (0.758 / 0.550).",
     [(0.688, "MASE"), (0.476, "CRPS"), (0.758, "MASE"), (0.55, "CRPS")]),
    ("It beats the IFS ENS on 94% of 1,320 targets in CRPS.", []),
    ("It reaches a WER of 2.41% on LibriSpeech, outperforming Mimi at 1.1 kbps.", [(2.41, "WER")]),
])
def test_values_beside_a_measure_that_are_not_its_scores(parse, text, expected):
    assert [(r.value, r.metric) for r in parse(text).results] == expected


def test_a_cost_after_a_second_verb_takes_no_dataset_and_model_outputs_are_not_datasets(parse):
    rec = parse("It reaches a UTMOS of 4.08 on LibriSpeech-PC and runs at a real-time factor (RTF) of 0.017.")
    assert [(r.value, r.dataset) for r in rec.results] == [(4.08, "LibriSpeech-PC"), (0.017, None)]
    rec = parse("A model trained on our tokens reduces WER by 31% relative to one trained on WavTokenizer tokens.")
    assert rec.datasets == []
    rec = parse("In zero-shot evaluation on Chronos Benchmark II it reduces the CRPS by 8.9%.")
    assert [d.name for d in rec.datasets] == ["Chronos Benchmark II"]


@pytest.mark.parametrize("text, expected", [
    ("Reconstruction from two views takes about 0.09 s. Code is public.", [(0.09, "reconstruction time")]),
    ("It stays within 0.4 points of full-thinking accuracy.", [(0.4, "accuracy")]),
    ("It cuts the attack success rate to 1.2% while retaining 93% of the utility of an undefended agent.",
     [(1.2, "attack success rate"), (93.0, "utility")]),
    ("The strongest system answers only 52.7% of questions correctly.", [(52.7, "accuracy")]),
    ("Swapping two candidates flips the verdict in up to 31% of pairs.", [(31.0, "flip rate")]),
    ("The best model reaches only 38.5% top-1 diagnostic accuracy.", [(38.5, "top-1 diagnostic accuracy")]),
])
def test_measures_named_by_a_verb_a_kept_share_or_a_sentence_final_unit(parse, text, expected):
    assert [(r.value, r.metric) for r in parse(text).results] == expected


def test_values_after_versus_follow_the_results_before_them(parse):
    rec = parse("It achieves an overall performance of 57.9 with a backward transfer of -1.2, "
                "versus 48.3 and -9.6 for O-LoRA.")
    assert [(r.value, r.metric) for r in rec.results] == [
        (57.9, "overall performance"), (1.2, "backward transfer"),
        (48.3, "overall performance"), (9.6, "backward transfer")]
    rec = parse("It reaches 71.2% accuracy on GSM8K and 65.0% on MATH, versus 60.1% and 58.3% for the baseline.")
    assert [(r.value, r.dataset) for r in rec.results] == [
        (71.2, "GSM8K"), (65.0, "MATH"), (60.1, "GSM8K"), (58.3, "MATH")]
    rec = parse("It raises mean AUROC on EHRSHOT from 0.781 for the structured-only CLMBR-T baseline to 0.812.")
    assert [(r.value, r.metric) for r in rec.results] == [(0.781, "AUROC"), (0.812, "AUROC")]


@pytest.mark.parametrize("text", [
    "The full run takes roughly 19 days on 512 H100 GPUs.",
    "RL runs in 1,000 parallel virtual machines with a Gaussian point reward.",
])
def test_compute_budgets_and_machine_counts_are_setup(parse, text):
    assert parse(text).results == []


def test_a_users_gazetteer_also_names_its_measures_in_records(tmp_path):
    mine = tmp_path / "my_metrics.jsonl"
    mine.write_text('{"name": "ZAP", "aliases": ["ZAP score", "ZAP scores"], "label": "METRIC"}\n')
    from abstractparse import parse as parse_with
    rec = parse_with("It reaches ZAP scores of 3.1 on CIFAR-10.", gazetteers=[str(mine)])
    assert [(r.value, r.metric) for r in rec.results] == [(3.1, "ZAP")]  # "ZAP scores" names ZAP, a form of its own


@pytest.mark.parametrize("text, expected", [
    ("On SimplerEnv, it reaches 71.3% success, and on 12 real-world tasks it attains 78% success versus 64% for "
     "OpenVLA.", [(71.3, "SimplerEnv"), (78.0, None), (64.0, None)]),
    ("It lifts MATH-500 accuracy from 84.0% to 88.6% and yields improvements on OlympiadBench.",
     [(84.0, "MATH-500"), (88.6, "MATH-500")]),
    ("On the OpenOcc occupancy flow benchmark, it obtains an Occ score of 42.3.", [(42.3, "OpenOcc")]),
    ("FLARE achieves the best score on 9 of 12 D4RL AntMaze tasks.", []),
])
def test_which_data_a_result_was_measured_on(parse, text, expected):
    assert [(r.value, r.dataset) for r in parse(text).results] == expected


def test_our_model_comma_name_comma_is_the_method(parse):
    rec = parse("Our agent, Tessera, builds on the observation that plasticity loss matters.",
                title="Plasticity Is All You Need for Atari 100k")
    assert rec.method.name == "Tessera"
    assert parse("Our model, however, fails on long inputs.", title="A Study of Long Inputs").method is None


def test_on_after_a_change_of_a_named_measure_says_where(parse):
    rec = parse("Our tokenizer improves compression by 12% on code and 8% on multilingual text.")
    assert {r.metric for r in rec.results} == {"compression ratio"}
    rec = parse("It outperforms the previous best approach by 35% on prompt alignment, and 25% on human preference.")
    assert [(r.value, r.metric) for r in rec.results] == [(35.0, "prompt alignment"), (25.0, "human preference")]
    rec = parse("It yields a 2.1-point gain in ROUGE-L on CNN/DailyMail and 1.4 on XSum.")
    assert [(r.value, r.kind) for r in rec.results] == [(2.1, "delta"), (1.4, "delta")]


def test_a_list_shares_the_data_after_it_and_number_formats_are_not_measures(parse):
    rec = parse("We report top-1 accuracies of 81.3%, 83.6% and 85.1% for the S, B and L variants on ImageNet-1K.")
    assert {r.dataset for r in rec.results} == {"ImageNet-1K"}
    rec = parse("It lowers the perplexity on WikiText-2 from 5.47 to 5.21 at 4-bit precision.")
    assert [(r.value, r.metric) for r in rec.results] == [(5.47, "perplexity"), (5.21, "perplexity")]


@pytest.mark.parametrize("text, expected", [
    ("On SWE-bench Lite, our agent resolves 35.7% of issues at an average cost of $0.86 per issue.",
     [(35.7, "resolve rate", "SWE-bench Lite"), (0.86, "cost", "SWE-bench Lite")]),
    ("It scores 76.4 on MMLU and 58.2 on BBH, with 3x fewer training tokens.",
     [(76.4, "score", "MMLU"), (58.2, "score", "BBH"), (3.0, "training tokens", None)]),
    ("Latency drops from 340 ms to 95 ms per token (3.6x), with identical outputs.",
     [(340.0, "Latency", None), (95.0, "Latency", None), (3.6, "Latency", None)]),
])
def test_costs_beside_scores(parse, text, expected):
    assert [(r.value, r.metric, r.dataset) for r in parse(text).results] == expected


def test_coined_names_listed_with_a_known_dataset_and_arrows_between_names(parse):
    rec = parse("It achieves F1 scores of 92.1%, 94.6% and 84.3% on LEVIR-CD, WHU-CD and SYSU-CD, respectively.")
    assert [(r.value, r.dataset) for r in rec.results] == [(92.1, "LEVIR-CD"), (94.6, "WHU-CD"), (84.3, "SYSU-CD")]
    assert [d.name for d in parse("On LVIS, SwiftDet-L outperforms YOLOv11-L by 7.4% AP.").datasets] == ["LVIS"]
    rec = parse("It achieves 77.9 mIoU on GTA5→Cityscapes (+1.6 over MIC).")
    assert [(r.value, r.dataset) for r in rec.results] == [(77.9, "GTA5"), (1.6, "GTA5")]
    assert [d.name for d in parse("Models trained on CT and MRI datasets generalize.").datasets] == []


def test_a_bracketed_baseline_between_from_and_to(parse):
    rec = parse("It raises DNSMOS OVRL from 2.75 (DeepFilterNet3) to 3.02.")
    assert [(r.value, r.metric) for r in rec.results] == [(2.75, "DNSMOS OVRL"), (3.02, "DNSMOS OVRL")]
    rec = parse("Data, verifiers and a public leaderboard are available at https://constraintstack.github.io.")
    assert [u.url for u in rec.code_urls] == ["https://constraintstack.github.io"]


def test_a_baseline_after_over_is_not_the_data_and_batch_sizes_are_settings(parse):
    rec = parse("It improves the average score by 1.4 points at 1B and 0.9 points at 7B over FineWeb-Edu filtering.")
    assert [(r.value, r.dataset) for r in rec.results] == [(1.4, None), (0.9, None)]
    rec = parse("ElasTree delivers a 2.3x speedup at batch size 1 and still achieves 1.4x at batch size 64.")
    assert [r.value for r in rec.results] == [2.3, 1.4]


@pytest.mark.parametrize("text, expected", [
    ("Gamba achieves remarkable speed, approximately 0.6 second on a single A100 GPU.", [(0.6, "speed")]),
    ("It improves typing speed by 14.89%.", [(14.89, "typing speed")]),
    ("Our kernels speed up training by 2.1x on H100.", [(2.1, "speedup")]),
])
def test_speed_is_a_measure_and_names_the_activity_before_it(parse, text, expected):
    assert [(r.value, r.metric) for r in parse(text).results] == expected


@pytest.mark.parametrize("title, abstract, name", [
    ("Thinking Fast and Slow in Robots",
     "In this paper, we present a dual-system VLA, which we term FiS-VLA, that integrates fast and slow thinking.",
     "FiS-VLA"),
    ("Seedream 3.0 Technical Report", "We present a high-performance bilingual image generation model.",
     "Seedream 3.0"),
])
def test_names_given_by_we_term_and_versioned_technical_reports(parse, title, abstract, name):
    assert parse(abstract, title=title).method.name == name


def test_completing_a_share_of_tasks_is_a_success_rate(parse):
    rec = parse("The best agent completes 34.8% of tasks on OSWorld, compared to 72.4% for humans.")
    assert [(r.value, r.metric) for r in rec.results] == [(34.8, "success rate"), (72.4, "success rate")]


def test_names_as_modifiers_and_title_case_words_are_not_datasets(parse):
    rec = parse("Results on WeatherBench 2 improve.", title="Fast Global Ensemble Weather Forecasting")
    assert [d.name for d in rec.datasets] == ["WeatherBench 2"]
    assert parse("We vary the rephrasing style (Wikipedia-like, question-answer).").datasets == []
    assert [d.name for d in parse("We also report results on Weather and Traffic.").datasets] == ["Weather", "Traffic"]


def test_the_acronym_of_a_task_is_not_a_benchmark(parse):
    rec = parse("Knowledge graph question answering (KGQA) with large language models follows a think-on-graph "
                "paradigm. We evaluate on WebQSP.")
    assert [d.name for d in rec.datasets] == ["WebQSP"]
