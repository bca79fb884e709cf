#!/usr/bin/env python3
"""Reference vectors for the correctly rounded core.

Run by a person, not by CI:

    python3 tests/reference/generate.py          # writes tests/reference/vectors.txt

Needs Python 3 and mpmath (1.3 was used). The output is deterministic (fixed
seeds), so rerunning it reproduces the committed file bit for bit.

Every exact result is computed with mpmath at 600 bits (at least 180
significant decimal digits, far more than the 60 the targets ask for;
cancellation-prone cases such as log-sum-exp near 0 or near-constant JVP
tangents lose at most a few hundred bits of that) and written as a scaled
double-double: the exact value rounded to (hi + lo) * 2^e with 1 <= |hi| < 2,
i.e. about 106 significant bits, enough to measure errors to 2^-50 ULP.

File format (one token per whitespace-separated field; lines starting with
'#' are comments):

    case <class> <function> <n> <T>
    x <n logits>
    v <n tangent entries>                 (jvp only)
    y <outputs>                           (n, 1 for logsumexp, n*n for jacobian)

For the longest vectors (n = 10^5) the inputs are not stored but generated,
and only every k-th output is kept:

    xgen <seed> <scale>                   x_i = (u_i - 1/2) * scale
    ysel <k> <outputs 0, k, 2k, ...>

where u_i = (w_i >> 11) / 2^53 and w_i is the i-th output of SplitMix64
seeded with <seed> (both sides compute this exactly, with integers and a
power-of-two scale).

<T> and every input are IEEE-754 f64 bit patterns in 16 hex digits (so the
inputs are exact). An output is either one of the words nan, inf, -inf,
0, -0 (exact special values) or hi:lo:e, with hi and lo as f64 bit patterns
and e a decimal exponent (clamped to [-5000, 5000], which changes nothing
for values that far outside the f64 range): the exact value is (hi + lo) * 2^e correctly
rounded to that many bits. T is '-' for functions without a temperature.

Functions: softmax, softmax_t, log_softmax, log_softmax_t, logsumexp,
jacobian, jvp (with the crate's signatures and special values).

Classes (TARGETS.md, section 1): random, wide, long, low_t, dominant,
lse_gap, lse_near_0, subnormal, jvp_near_const, jac_dominant, masked, pos_inf.
"""
import math
import os
import random
import struct

from mpmath import mp, mpf, exp, log, log1p

mp.prec = 600

INF = float("inf")


def hexbits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def enc(v):
    """Encode an exact mpf (or a special float) as an output token."""
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if v == INF:
            return "inf"
        if v == -INF:
            return "-inf"
        if v == 0.0:
            return "-0" if math.copysign(1.0, v) < 0 else "0"
        v = mpf(v)
    if v == 0:
        return "0"
    m, e = mp.frexp(v)  # v = m 2^e, 0.5 <= |m| < 1
    m *= 2
    e -= 1
    hi = float(m)
    lo = float(m - mpf(hi))
    # Far outside the f64 range (e.g. e^(-2e308)) only the side matters:
    # clamp the exponent so it fits an i32; the correct rounding (0 or inf)
    # and the measured error do not change.
    e = max(-5000, min(5000, int(e)))
    return "%s:%s:%d" % (hexbits(hi), hexbits(lo), e)


# ----- exact functions with the crate's special values -----------------

def classify(x):
    if len(x) == 0:
        return ("empty",)
    if any(math.isnan(v) for v in x):
        return ("nan",)
    pinf = sum(1 for v in x if v == INF)
    if pinf:
        return ("posinf", pinf)
    m = max(x)
    if m == -INF:
        return ("masked",)
    return ("finite", m)


def split_evenly(x, chosen):
    k = sum(1 for v in x if chosen(v))
    return [mpf(1) / k if chosen(v) else 0.0 for v in x]


def log_split_evenly(x, chosen):
    k = sum(1 for v in x if chosen(v))
    return [-log(mpf(k)) if chosen(v) else -INF for v in x]


def exps(x, m, t):
    """e^{(x_i - m)/t} exactly (to working precision); 0 for -inf."""
    out = []
    for v in x:
        if v == -INF:
            out.append(mpf(0))
        else:
            out.append(exp((mpf(v) - mpf(m)) / mpf(t)))
    return out


def log_total(x, m, t):
    """ln sum_i e^{(x_i - m)/t} as log1p of the sum without one maximal
    term (exactly 1), so a tiny sum keeps its relative precision."""
    e = exps(x, m, t)
    k = x.index(m)
    return log1p(mp.fsum(e[:k] + e[k + 1:]))


def softmax(x, t=1.0):
    c = classify(x)
    if c[0] == "empty":
        return []
    if c[0] == "nan":
        return [float("nan")] * len(x)
    if c[0] == "masked":
        return [0.0] * len(x)
    if c[0] == "posinf":
        return split_evenly(x, lambda v: v == INF)
    m = c[1]
    if t == 0.0:
        return split_evenly(x, lambda v: v == m)
    if t == INF:
        return split_evenly(x, lambda v: v > -INF)
    e = exps(x, m, t)
    s = mp.fsum(e)
    return [ei / s if ei != 0 else 0.0 for ei in e]


def log_softmax(x, t=1.0):
    c = classify(x)
    if c[0] == "empty":
        return []
    if c[0] == "nan":
        return [float("nan")] * len(x)
    if c[0] == "masked":
        return [-INF] * len(x)
    if c[0] == "posinf":
        return log_split_evenly(x, lambda v: v == INF)
    m = c[1]
    if t == 0.0:
        return log_split_evenly(x, lambda v: v == m)
    if t == INF:
        return log_split_evenly(x, lambda v: v > -INF)
    ls = log_total(x, m, t)
    return [(mpf(v) - mpf(m)) / mpf(t) - ls if v > -INF else -INF for v in x]


def logsumexp(x):
    c = classify(x)
    if c[0] in ("empty", "masked"):
        return [-INF]
    if c[0] == "nan":
        return [float("nan")]
    if c[0] == "posinf":
        return [INF]
    m = c[1]
    return [mpf(m) + log_total(x, m, 1.0)]


def degenerate(x, t):
    c = classify(x)
    if c[0] == "nan":
        return float("nan")
    if c[0] == "finite" and 0.0 < t < INF:
        return None
    return 0.0


def jacobian(x, t):
    n = len(x)
    d = degenerate(x, t)
    if d is not None:
        return [d] * (n * n)
    m = max(x)
    e = exps(x, m, t)
    s = mp.fsum(e)
    p = [ei / s for ei in e]
    out = []
    for i in range(n):
        for k in range(n):
            if i == k:
                # 1 - p_i = (sum of the other terms) / s, without cancellation
                val = p[i] * (mp.fsum(e[:i] + e[i + 1:]) / s) / t
                out.append(val if val != 0 else 0.0)
            else:
                val = -p[i] * p[k] / t
                out.append(val if val != 0 else -0.0)
    return out


def jvp(x, t, v):
    n = len(x)
    d = degenerate(x, t)
    if d is not None:
        return [d] * n
    p = [mpf(q) for q in softmax(x, t)]
    out = []
    if n <= 2000:
        # (J v)_i = p_i sum_j p_j (v_i - v_j) / T: exact differences, so a
        # constant tangent gives exactly 0 and near-cancellation keeps its
        # relative precision (the mean form would leave a 2^-600 residue).
        for i in range(n):
            val = p[i] * mp.fsum(p[j] * (mpf(v[i]) - mpf(v[j])) for j in range(n)) / t
            out.append(val if val != 0 else 0.0)
        return out
    mean = mp.fsum(pi * mpf(vi) for pi, vi in zip(p, v))
    for pi, vi in zip(p, v):
        val = pi * (mpf(vi) - mean) / t
        out.append(val if val != 0 else 0.0)
    return out


# ----- cases --------------------------------------------------------------

CASES = []
GENERATED = []  # (class, fn, seed, n, scale, stride)

MASK = (1 << 64) - 1


def splitmix_uniforms(seed, n):
    state = seed & MASK
    out = []
    for _ in range(n):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z = z ^ (z >> 31)
        out.append((z >> 11) / float(1 << 53))
    return out


def generated_logits(seed, n, scale):
    return [(u - 0.5) * scale for u in splitmix_uniforms(seed, n)]


def add(cls, fn, x, t=None, v=None):
    CASES.append((cls, fn, list(map(float, x)), t, None if v is None else list(map(float, v))))


def evaluate(fn, x, t, v):
    if fn == "softmax":
        return softmax(x)
    if fn == "softmax_t":
        return softmax(x, t)
    if fn == "log_softmax":
        return log_softmax(x)
    if fn == "log_softmax_t":
        return log_softmax(x, t)
    if fn == "logsumexp":
        return logsumexp(x)
    if fn == "jacobian":
        return jacobian(x, t)
    if fn == "jvp":
        return jvp(x, t, v)
    raise ValueError(fn)


def loguniform(rng, lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def rand_len(rng, hi):
    return max(1, int(loguniform(rng, 1, hi + 1)))


def normal(rng, n, sigma, mu=0.0):
    return [rng.gauss(mu, sigma) for _ in range(n)]


def build():
    rng = random.Random(20261130)
    # random: ordinary vectors, lengths 1..1000, temperatures 1e-3..1e3
    for _ in range(50):
        add("random", "softmax", normal(rng, rand_len(rng, 1000), rng.choice([1, 3, 10])))
    for _ in range(30):
        add("random", "log_softmax", normal(rng, rand_len(rng, 1000), rng.choice([1, 3, 10])))
    for _ in range(30):
        add("random", "logsumexp", normal(rng, rand_len(rng, 1000), rng.choice([1, 3, 10])))
    for _ in range(40):
        add("random", "softmax_t", normal(rng, rand_len(rng, 500), 3), loguniform(rng, 1e-3, 1e3))
    for _ in range(20):
        add("random", "log_softmax_t", normal(rng, rand_len(rng, 500), 3), loguniform(rng, 1e-3, 1e3))
    for _ in range(25):
        add("random", "jacobian", normal(rng, rand_len(rng, 24), 2), loguniform(rng, 1e-2, 1e2))
    for _ in range(25):
        n = rand_len(rng, 300)
        add("random", "jvp", normal(rng, n, 2), loguniform(rng, 1e-2, 1e2), normal(rng, n, 1))
    # wide: sigma = 100
    for _ in range(30):
        add("wide", "softmax", normal(rng, rand_len(rng, 1000), 100))
    for _ in range(15):
        add("wide", "log_softmax", normal(rng, rand_len(rng, 1000), 100))
    for _ in range(10):
        add("wide", "jacobian", normal(rng, rand_len(rng, 16), 100), 1.0)
    # long: n >= 10^4
    add("long", "softmax", normal(rng, 10000, 1))
    add("long", "softmax", normal(rng, 20000, 3))
    add("long", "log_softmax", normal(rng, 10000, 10))
    add("long", "logsumexp", normal(rng, 10000, 1))
    add("long", "logsumexp", normal(rng, 12000, 2))
    # n = 10^5, inputs generated on both sides, every 50th output kept
    GENERATED.append(("long", "softmax", 1, 100000, 16.0, 50))
    GENERATED.append(("long", "log_softmax", 2, 100000, 64.0, 50))
    GENERATED.append(("long", "logsumexp", 3, 100000, 8.0, 1))
    n = 10000
    add("long", "jvp", normal(rng, n, 1), 0.7, normal(rng, n, 1))
    # low_t: T = 0.05 and 1e-3
    for _ in range(30):
        add("low_t", "softmax_t", normal(rng, rand_len(rng, 300), 1), rng.choice([0.05, 0.001, 0.01]))
    for _ in range(10):
        add("low_t", "log_softmax_t", normal(rng, rand_len(rng, 300), 1), rng.choice([0.05, 0.001]))
    for _ in range(10):
        add("low_t", "jacobian", normal(rng, rand_len(rng, 12), 0.05), 0.05)
    for _ in range(10):
        n = rand_len(rng, 100)
        add("low_t", "jvp", normal(rng, n, 0.05), 0.05, normal(rng, n, 1))
    # dominant: one logit far above the rest
    for _ in range(30):
        n = rand_len(rng, 200) + 1
        x = normal(rng, n, 1, -rng.uniform(20, 60))
        x[rng.randrange(n)] = rng.uniform(-5, 5)
        add("dominant", "log_softmax", x)
    for _ in range(20):
        n = rand_len(rng, 200) + 1
        x = normal(rng, n, 1, -rng.uniform(20, 60))
        x[rng.randrange(n)] = rng.uniform(-5, 5)
        add("dominant", "softmax", x)
    for _ in range(20):
        n = rand_len(rng, 100) + 1
        x = normal(rng, n, 1, -rng.uniform(20, 60))
        x[rng.randrange(n)] = 0.0
        add("dominant", "logsumexp", x)
    # lse_gap: [0, -40]-type
    for _ in range(40):
        a = rng.uniform(-3, 3)
        add("lse_gap", "logsumexp", [a, a - rng.uniform(30, 50)])
    for _ in range(10):
        a = rng.uniform(-3, 3)
        add("lse_gap", "log_softmax", [a, a - rng.uniform(30, 50)])
    # lse_near_0: logsumexp of vectors shifted so the result is near 0
    for _ in range(40):
        n = rand_len(rng, 50) + 1
        x = normal(rng, n, 1)
        l = logsumexp(x)[0]
        # shift by lse plus a small offset, then round the inputs
        off = rng.choice([1e-6, 1e-8, 1e-9, -1e-7, 3e-8])
        x = [float(mpf(v) - l + mpf(off)) for v in x]
        add("lse_near_0", "logsumexp", x)
    # subnormal outputs
    for _ in range(30):
        n = rand_len(rng, 50) + 1
        x = normal(rng, n, 3)
        for i in range(n):
            if rng.random() < 0.5:
                x[i] = -rng.uniform(708.5, 745.5)
        x[0] = 0.0
        add("subnormal", "softmax", x)
    for _ in range(10):
        n = rand_len(rng, 20) + 1
        x = [-rng.uniform(700, 745) for _ in range(n)]
        x[0] = 0.0
        add("subnormal", "softmax_t", [v * 0.5 for v in x], 0.5)
    for _ in range(10):
        n = rand_len(rng, 10) + 1
        x = [-rng.uniform(340, 375) for _ in range(n)]
        x[0] = 0.0
        add("subnormal", "jacobian", x, 1.0)
    # jvp near-constant tangent
    for _ in range(40):
        n = rand_len(rng, 200) + 1
        x = normal(rng, n, 2)
        c = rng.uniform(-10, 10)
        eps = rng.choice([1e-6, 1e-9, 1e-12])
        v = [c + eps * rng.gauss(0, 1) for _ in range(n)]
        add("jvp_near_const", "jvp", x, loguniform(rng, 0.1, 10), v)
    # Jacobian at a dominant p
    for _ in range(30):
        n = rand_len(rng, 12) + 1
        x = normal(rng, n, 1, -rng.uniform(15, 35))
        x[rng.randrange(n)] = 0.0
        add("jac_dominant", "jacobian", x, rng.choice([1.0, 0.5, 2.0]))
    # masked rows and -inf entries
    ninf = -INF
    for fn in ("softmax", "log_softmax", "logsumexp"):
        add("masked", fn, [ninf, ninf, ninf])
        add("masked", fn, [1.5, ninf, 0.25, ninf])
        add("masked", fn, [])
    add("masked", "jacobian", [ninf, ninf], 1.0)
    add("masked", "jacobian", [0.5, ninf, -1.0], 1.0)
    add("masked", "jvp", [ninf, ninf, ninf], 1.0, [1.0, 2.0, 3.0])
    add("masked", "jvp", [0.0, ninf, 1.0], 2.0, [1.0, 2.0, 3.0])
    add("masked", "softmax_t", [0.0, ninf, 1.0, 1.0], 0.0)
    add("masked", "softmax_t", [0.0, ninf, 1.0], INF)
    add("masked", "log_softmax_t", [0.0, ninf, 1.0], INF)
    # +inf logits and other extremes
    for fn in ("softmax", "log_softmax", "logsumexp"):
        add("pos_inf", fn, [INF, 0.0, INF, -3.0])
        add("pos_inf", fn, [1.0, INF, ninf])
        add("pos_inf", fn, [1e308, -1e308])
        add("pos_inf", fn, [1.0, float("nan"), INF])
    add("pos_inf", "softmax_t", [1e308, -1e308, 1.7e308], 1e308)
    add("pos_inf", "log_softmax_t", [1e308, -1e308, 1.7e308], 1e308)
    add("pos_inf", "jacobian", [INF, 0.0], 1.0)
    add("pos_inf", "jvp", [1.0, INF, 2.0], 1.0, [1.0, 2.0, 3.0])
    # lse_near_0, severe: shifted by the exact lse with no offset, so the
    # result is only the rounding noise of the shift (|lse| ~ 1e-17 |m|)
    for _ in range(30):
        n = rand_len(rng, 200) + 1
        x = normal(rng, n, rng.choice([1, 10]))
        l = logsumexp(x)[0]
        off = rng.choice([0.0, 0.0, 1e-15, -3e-16, 1e-13])
        x = [float(mpf(v) - l + mpf(off)) for v in x]
        add("lse_near_0", "logsumexp", x)
    # jvp with an entry whose v_i equals the weighted mean up to rounding:
    # (J v)_i cancels to ~1e-17 of the tangent's spread
    for _ in range(30):
        n = rand_len(rng, 60) + 1
        x = normal(rng, n, 2)
        t = loguniform(rng, 0.2, 5)
        v = normal(rng, n, 1)
        i = rng.randrange(n)
        p = [mpf(q) for q in softmax(x, t)]
        rest = mp.fsum(p[j] * mpf(v[j]) for j in range(n) if j != i)
        if 1 - p[i] > mpf(2) ** -40:
            v[i] = float(rest / (1 - p[i]))
        add("jvp_near_const", "jvp", x, t, v)


def main():
    build()
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "vectors.txt")
    with open(out, "w") as f:
        f.write("# Reference vectors for softmax-lesson; generated by generate.py (see its header).\n")
        f.write("# Do not edit by hand. %d cases.\n" % (len(CASES) + len(GENERATED)))
        for cls, fn, x, t, v in CASES:
            y = evaluate(fn, x, t, v)
            f.write("case %s %s %d %s\n" % (cls, fn, len(x), "-" if t is None else hexbits(float(t))))
            f.write("x" + "".join(" " + hexbits(a) for a in x) + "\n")
            if v is not None:
                f.write("v" + "".join(" " + hexbits(a) for a in v) + "\n")
            f.write("y" + "".join(" " + enc(a) for a in y) + "\n")
        for cls, fn, seed, n, scale, stride in GENERATED:
            x = generated_logits(seed, n, scale)
            y = evaluate(fn, x, None, None)
            f.write("case %s %s %d -\n" % (cls, fn, n))
            f.write("xgen %d %s\n" % (seed, hexbits(scale)))
            f.write("ysel %d" % stride + "".join(" " + enc(a) for a in y[::stride]) + "\n")
    print("wrote %s: %d cases, %.2f MB" % (out, len(CASES) + len(GENERATED), os.path.getsize(out) / 1e6))


def to_f64(v):
    """An exact mpf (or special float) correctly rounded to f64, ties to
    even, subnormals included: Python's int / int true division rounds
    correctly, so the mpf is taken apart into an exact fraction."""
    if isinstance(v, float):
        return v
    if v == 0:
        return 0.0
    sign, man, exp, _ = v._mpf_
    man = -int(man) if sign else int(man)
    if exp >= 0:
        return float(man * 2 ** exp)
    return man / (2 ** (-exp))


HARD = []


def hard(cls, fn, x, t=1.0, v=None):
    HARD.append((cls, fn, [float(a) for a in x], float(t), None if v is None else [float(a) for a in v]))


def build_hard():
    """The hard classes (near-midpoint results, cancelling tangents, subnormal weights), built by construction (own inputs, fixed seed)."""
    rng = random.Random(15)
    u = 2.0 ** -52
    # Two logits d apart: p = 1 / (1 + e^-d) = 1/2 + d/4 - d^3/48 + ..., so
    # d = (2j + 1) 2^-52 puts p at 1/2 + (j + 1/2) ulp(1/2) minus about
    # d^3/48: a hair below a midpoint, far inside 2^-120 relative.
    for _ in range(40):
        j = rng.randrange(0, 1 << 12)
        a = rng.choice([0.0, 1.0, -3.0, 1.5 + rng.randrange(1 << 20) * u, 2.0 ** rng.randrange(-20, 0)])
        d = (2 * j + 1) * u
        x = [a, a + d] if rng.random() < 0.5 else [a + d, a]
        if x[0] - x[1] not in (d, -d):
            continue
        hard("near_mid", "softmax", x)
        hard("near_mid", "log_softmax", x)
    # k equal logits and one 2^-q above them at T = 1 or the one at 1 and
    # T = 2^q: p = 1 / (k + e^{+-2^-q}), near 1/(k+1) whose neighbours'
    # midpoints it approaches as q grows.
    for _ in range(40):
        k = rng.choice([1, 3, 7, 15, 31])
        q = rng.randrange(45, 70)
        pos = rng.randrange(k + 1)
        if rng.random() < 0.5:
            x = [0.0] * (k + 1)
            x[pos] = 1.0
            hard("near_mid_t", "softmax_t", x, 2.0 ** q)
        else:
            x = [0.0] * (k + 1)
            x[pos] = 2.0 ** -q
            hard("near_mid_t", "softmax", x)
    # Cancelling huge tangents: two equal logits carry +-V, V up to 1e308.
    for _ in range(30):
        a = rng.uniform(-5, 0)
        b = rng.uniform(-5, 2)
        big = 10.0 ** rng.uniform(100, 308)
        v = [big, -big, rng.uniform(-4, 4)]
        x = [a, a, b]
        perm = list(range(3))
        rng.shuffle(perm)
        hard("jvp_cancel", "jvp", [x[i] for i in perm], 1.0, [v[i] for i in perm])
    # Tiny (subnormal or below) weights times large tangents.
    for _ in range(30):
        z = rng.uniform(-744, -700)
        big = 10.0 ** rng.uniform(20, 308)
        hard("jvp_tiny_w", "jvp", [0.0, z], 1.0, [rng.choice([0.0, 1.0]), big])
    # Tiny temperatures: z = -x / T between -760 and -700 with T near 1e-300.
    for _ in range(30):
        t = 10.0 ** rng.uniform(-305, -290)
        x1 = -rng.uniform(700, 760) * t
        hard("jvp_tiny_t", "jvp", [0.0, x1], t, [rng.uniform(-2, 2), rng.uniform(-2, 2)])
    # Subnormal results: a tangent cancelling on equal logits plus a
    # subnormal one on a third.
    for _ in range(30):
        a = rng.uniform(-1, 0)
        b = rng.uniform(-1, 3)
        c = rng.uniform(1, 8)
        tiny = rng.randrange(1, 1 << 12) * 5e-324
        hard("jvp_subnormal", "jvp", [a, a, b], 1.0, [c, -c, tiny])


def main_hard():
    build_hard()
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "hard.txt")
    with open(out, "w") as f:
        f.write("# The hard classes (near-midpoint results, cancelling tangents, subnormal weights), generated by `generate.py hard`; do not edit.\n")
        f.write("# case <class> <function> <T bits>; x <logits>; [v <tangent>]; y <f64 bits,\n")
        f.write("# the exact value (mpmath, 4200 bits) correctly rounded, ties to even>\n")
        for cls, fn, x, t, v in HARD:
            # Tangents span 2^-1074 .. 2^1024, so their differences and
            # weighted sums need about 2100 bits to be exact; 4200 leaves
            # room for the exponentials' own rounding.
            with mp.workprec(4200):
                y = evaluate(fn, x, t if fn in ("softmax_t", "jvp") else None, v)
            f.write("case %s %s %s\n" % (cls, fn, hexbits(t)))
            f.write("x" + "".join(" " + hexbits(a) for a in x) + "\n")
            if v is not None:
                f.write("v" + "".join(" " + hexbits(a) for a in v) + "\n")
            f.write("y" + "".join(" " + hexbits(to_f64(a)) for a in y) + "\n")
    print("wrote %s: %d cases" % (out, len(HARD)))


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["hard"]:
        main_hard()
    else:
        main()
