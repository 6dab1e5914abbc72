//! Keeping the selection in view in lists whose items take one or more rows.

/// The first item to show so that `selected` is visible in `height` rows, moving the old
/// `offset` as little as possible. `rows(i)` is how many rows item `i` takes.
pub fn keep_visible(
    offset: usize,
    selected: usize,
    len: usize,
    height: usize,
    rows: impl Fn(usize) -> usize,
) -> usize {
    if len == 0 || height == 0 {
        return 0;
    }
    let selected = selected.min(len - 1);
    let offset = offset.min(selected);
    let mut used = 0;
    for i in offset..=selected {
        used += rows(i).max(1);
        if used > height {
            return last_start(selected, height, &rows);
        }
    }
    offset
}

/// The smallest first item that still shows `last` whole at the bottom.
fn last_start(last: usize, height: usize, rows: &impl Fn(usize) -> usize) -> usize {
    let mut start = last;
    let mut used = rows(last).max(1);
    while start > 0 {
        let above = rows(start - 1).max(1);
        if used + above > height {
            break;
        }
        used += above;
        start -= 1;
    }
    start
}

/// The first item to show when the last item should sit at the bottom.
pub fn bottom(len: usize, height: usize, rows: impl Fn(usize) -> usize) -> usize {
    if len == 0 {
        0
    } else {
        last_start(len - 1, height.max(1), &rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_moves_only_when_the_selection_leaves_the_view() {
        let one = |_| 1;
        assert_eq!(keep_visible(0, 3, 10, 5, one), 0);
        assert_eq!(keep_visible(0, 5, 10, 5, one), 1);
        assert_eq!(keep_visible(4, 2, 10, 5, one), 2);
        assert_eq!(keep_visible(3, 5, 10, 5, one), 3);
    }

    #[test]
    fn tall_items_are_counted_by_their_rows() {
        let rows = |i| if i == 4 { 3 } else { 1 };
        assert_eq!(keep_visible(0, 4, 10, 5, rows), 2);
        assert_eq!(bottom(5, 4, rows), 3);
    }

    #[test]
    fn degenerate_sizes_do_not_panic() {
        assert_eq!(keep_visible(7, 9, 0, 5, |_| 1), 0);
        assert_eq!(keep_visible(7, 9, 3, 0, |_| 1), 0);
        assert_eq!(keep_visible(0, 2, 3, 1, |_| 4), 2);
    }
}
