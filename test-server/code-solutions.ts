// Hand-written, correct solutions to the MBPP and HumanEval tasks that LLMRouter's default_query_test.jsonl
// sample (5 per task, seed 1) picks, by task_id: the "right answers" of the benchmark fixture and of the code
// scorer's tests. Two are written as bare function bodies, as models often answer HumanEval.

export const CODE_SOLUTIONS: Readonly<Record<string, string>> = {
  '217': `def first_Repeated_Char(str):
    seen = set()
    for ch in str:
        if ch in seen:
            return ch
        seen.add(ch)
    return '\\0'`,
  '748': `import re

def capital_words_spaces(str1):
    return re.sub(r"(\\w)([A-Z])", r"\\1 \\2", str1)`,
  '409': `def min_product_tuple(list1):
    return min(abs(x * y) for x, y in list1)`,
  '347': `def count_Squares(m, n):
    if n < m:
        m, n = n, m
    return sum((m - k) * (n - k) for k in range(m))`,
  '61': `from collections import defaultdict

def count_Substrings(s, n):
    count, total = 0, 0
    seen = defaultdict(int)
    seen[0] = 1
    for i in range(n):
        total += ord(s[i]) - ord('0')
        count += seen[total - (i + 1)]
        seen[total - (i + 1)] += 1
    return count`,
  'HumanEval/71': `def triangle_area(a, b, c):
    if a + b <= c or a + c <= b or b + c <= a:
        return -1
    s = (a + b + c) / 2
    area = (s * (s - a) * (s - b) * (s - c)) ** 0.5
    return round(area, 2)`,
  'HumanEval/138': `    return n % 2 == 0 and n >= 8`,
  'HumanEval/108': `def count_nums(arr):
    def digits_sum(n):
        sign = -1 if n < 0 else 1
        digits = [int(d) for d in str(abs(n))]
        digits[0] *= sign
        return sum(digits)
    return len([x for x in arr if digits_sum(x) > 0])`,
  'HumanEval/25': `from typing import List

def factorize(n: int) -> List[int]:
    factors = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1
    if n > 1:
        factors.append(n)
    return factors`,
  'HumanEval/49': `    return pow(2, n, p)`,
};
