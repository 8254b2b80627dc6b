/// 5^-k for 0 ≤ k ≤ 22 as a 128-bit significand with its top bit set: ⌊2^b / 5^k⌋ + 1
/// for the b that puts the top bit at 2^127 (fast_float's table_generation.py). A
/// switch on literals compiles to a constant table with no lazy-global check.
@inlinable @inline(__always) func reciprocalPowerOfFive(_ k: Int) -> (high: UInt64, low: UInt64) {
  switch k {
  case 0: return (0x8000000000000000, 0x0000000000000000)
  case 1: return (0xcccccccccccccccc, 0xcccccccccccccccd)
  case 2: return (0xa3d70a3d70a3d70a, 0x3d70a3d70a3d70a4)
  case 3: return (0x83126e978d4fdf3b, 0x645a1cac083126ea)
  case 4: return (0xd1b71758e219652b, 0xd3c36113404ea4a9)
  case 5: return (0xa7c5ac471b478423, 0x0fcf80dc33721d54)
  case 6: return (0x8637bd05af6c69b5, 0xa63f9a49c2c1b110)
  case 7: return (0xd6bf94d5e57a42bc, 0x3d32907604691b4d)
  case 8: return (0xabcc77118461cefc, 0xfdc20d2b36ba7c3e)
  case 9: return (0x89705f4136b4a597, 0x31680a88f8953031)
  case 10: return (0xdbe6fecebdedd5be, 0xb573440e5a884d1c)
  case 11: return (0xafebff0bcb24aafe, 0xf78f69a51539d749)
  case 12: return (0x8cbccc096f5088cb, 0xf93f87b7442e45d4)
  case 13: return (0xe12e13424bb40e13, 0x2865a5f206b06fba)
  case 14: return (0xb424dc35095cd80f, 0x538484c19ef38c95)
  case 15: return (0x901d7cf73ab0acd9, 0x0f9d37014bf60a11)
  case 16: return (0xe69594bec44de15b, 0x4c2ebe687989a9b4)
  case 17: return (0xb877aa3236a4b449, 0x09befeb9fad487c3)
  case 18: return (0x9392ee8e921d5d07, 0x3aff322e62439fd0)
  case 19: return (0xec1e4a7db69561a5, 0x2b31e9e3d06c32e6)
  case 20: return (0xbce5086492111aea, 0x88f4bb1ca6bcf585)
  case 21: return (0x971da05074da7bee, 0xd3f6fc16ebca5e04)
  default: return (0xf1c90080baf72cb1, 0x5324c68b12dd6339)  // 22
  }
}

/// The correctly rounded double nearest to `w` / 10^`k` for 0 ≤ k ≤ 22, without a
/// division: Eisel-Lemire (D. Lemire, "Number Parsing at a Gigabyte per Second",
/// Software: Practice and Experience 51(8), 2021; fast_float's compute_float). The
/// normalised `w` times 5^-k's 128-bit significand gives 55 correct leading bits
/// whenever the cheap test passes (for these scales the paper proves the second
/// product always decides); then round to nearest, ties to even. Nil only below the
/// normal range, which these scales never reach.
@inlinable @inline(__always) func eiselLemire(_ w: UInt64, _ k: Int) -> Double? {
  if w == 0 { return 0 }
  let lz = w.leadingZeroBitCount
  let n = w << UInt64(lz)
  let t = reciprocalPowerOfFive(k)
  var (high, low) = n.multipliedFullWidth(by: t.high)
  if high & 0x1FF == 0x1FF {  // the 9 bits below the 55 kept might carry: add the low part
    let carry = n.multipliedFullWidth(by: t.low).high
    low &+= carry
    if carry > low { high &+= 1 }
  }
  let upper = Int(high >> 63)
  let shift = UInt64(upper + 9)
  var mantissa = high >> shift
  // 217706 / 2^16 ≈ log2(10): the binary exponent of 10^-k, plus the normalisation.
  var power2 = ((217_706 * -k) >> 16) + 63 + upper - lz + 1023
  guard power2 > 0 else { return nil }
  // An exact halfway case (only possible for k ≤ 4) rounds to even, not up.
  if low <= 1 && k <= 4 && mantissa & 3 == 1 && mantissa << shift == high { mantissa &= ~1 }
  mantissa += mantissa & 1
  mantissa >>= 1
  if mantissa >= 2 << 52 {
    mantissa = 1 << 52
    power2 += 1
  }
  return Double(bitPattern: (mantissa & ~(1 << 52)) | UInt64(power2) << 52)
}
