#!/usr/bin/env python3
"""Writes model-prices.json: the curated subset of a LiteLLM price file that PromptBudget embeds.

Usage: python3 curate-prices.py <litellm-model-prices.json> <date YYYY-MM-DD>
Keeps chat models of OpenAI, Anthropic, Google Gemini and a few others, and only the fields
PromptBudget reads, so the embedded table stays small. Re-run it when the price file is refreshed.
"""
import json
import re
import sys

KEEP_FIELDS = {
    "litellm_provider", "mode", "input_cost_per_token", "output_cost_per_token",
    "cache_read_input_token_cost", "cache_creation_input_token_cost", "output_cost_per_reasoning_token",
    "max_input_tokens", "max_output_tokens", "max_tokens", "prompt_cache_min_tokens",
    "supports_reasoning", "supports_prompt_caching", "deprecation_date",
}
TIER = re.compile(r"^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost)_above_\d+k_tokens$")

RULES = [
    ("openai", re.compile(r"^(gpt-3\.5|gpt-4|gpt-5|o1|o3|o4|chatgpt-4o|gpt-oss|codex)")),
    ("anthropic", re.compile(r"^claude-")),
    ("gemini", re.compile(r"^gemini/gemini-(2|3)")),
    ("vertex_ai-language-models", re.compile(r"^gemini-(2|3)")),
    ("xai", re.compile(r"^xai/grok-[34]")),
    ("mistral", re.compile(r"^mistral/(mistral-(large|medium|small)|magistral|codestral)")),
    ("deepseek", re.compile(r"^deepseek/deepseek-(chat|reasoner)")),
]


def keep(key, entry):
    if not isinstance(entry, dict) or entry.get("mode") not in ("chat", "responses"):
        return False
    if "input_cost_per_token" not in entry or "output_cost_per_token" not in entry:
        return False
    provider = entry.get("litellm_provider")
    return any(provider == p and rule.match(key) for p, rule in RULES)


def main():
    source, date = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        data = json.load(f)
    out = {"_meta": {"source": "LiteLLM model_prices_and_context_window.json", "date": date}}
    for key in sorted(data):
        entry = data[key]
        if keep(key, entry):
            out[key] = {k: v for k, v in sorted(entry.items()) if k in KEEP_FIELDS or TIER.match(k)}
    with open("model-prices.json", "w", encoding="utf-8", newline="\n") as f:
        json.dump(out, f, indent=1, sort_keys=False)
        f.write("\n")
    print(f"{len(out) - 1} models written")


if __name__ == "__main__":
    main()
