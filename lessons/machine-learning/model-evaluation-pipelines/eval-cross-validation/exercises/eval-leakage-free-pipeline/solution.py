"""Reference solution for eval-leakage-free-pipeline."""

import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def build_pipeline(k: int) -> Pipeline:
    """An unfitted scaler -> k-best ANOVA features -> logistic regression pipeline."""
    return Pipeline(
        [
            ("scale", StandardScaler()),
            ("select", SelectKBest(f_classif, k=k)),
            ("model", LogisticRegression(max_iter=1000)),
        ]
    )


def cv_accuracy(X: np.ndarray, y: np.ndarray, k: int, n_splits: int, seed: int) -> float:
    """Mean test accuracy over stratified folds, with every step fitted on training folds only."""
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    scores = cross_val_score(build_pipeline(k), X, y, cv=folds, scoring="accuracy")
    return float(np.mean(scores))
