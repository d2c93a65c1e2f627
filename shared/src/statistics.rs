//! The statistics the dashboard reports, defined once for the server, the
//! web app and their tests (see `docs/METRICS.md`).

/// Median of the values: the middle one of the sorted values, or the mean
/// of the two middle ones when their number is even. `None` when empty.
pub fn median(values: &[i64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2] as f64),
        _ => Some((sorted[n / 2 - 1] as f64 + sorted[n / 2] as f64) / 2.0),
    }
}

/// The same median over real values (NaN sorts last).
pub fn median_f64(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// Percentile by the nearest-rank method: the smallest value such that at
/// least `p` % of the values are less than or equal to it, i.e. the value
/// of rank ⌈p/100 · n⌉ in ascending order. Always one of the values.
/// `None` when empty or when `p` is outside 0–100.
pub fn percentile(values: &[i64], p: u32) -> Option<i64> {
    if values.is_empty() || p > 100 {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    // ⌈p·n/100⌉ in integers, at least rank 1.
    let rank = (p as usize * n).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[7]), Some(7.0));
        assert_eq!(median_f64(&[70.5, 20.0, 40.0, 10.0]), Some(30.0));
        assert_eq!(median_f64(&[]), None);
        assert_eq!(median(&[9, 1, 5]), Some(5.0));
        assert_eq!(median(&[4, 1, 3, 2]), Some(2.5));
        assert_eq!(median(&[100, 100]), Some(100.0));
    }

    #[test]
    fn nearest_rank_percentiles() {
        let ten: Vec<i64> = (1..=10).map(|v| v * 10).collect();
        assert_eq!(percentile(&ten, 90), Some(90));
        assert_eq!(percentile(&ten, 91), Some(100));
        assert_eq!(percentile(&ten, 50), Some(50));
        assert_eq!(percentile(&ten, 100), Some(100));
        assert_eq!(percentile(&ten, 0), Some(10));
        assert_eq!(percentile(&[3, 1, 2], 90), Some(3), "rank ⌈2.7⌉ = 3");
        assert_eq!(percentile(&[5], 90), Some(5));
        assert_eq!(percentile(&[], 90), None);
        assert_eq!(percentile(&[1], 101), None);
    }
}
