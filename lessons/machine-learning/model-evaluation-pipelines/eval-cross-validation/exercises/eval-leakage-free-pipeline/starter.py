import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def build_pipeline(k):
    """An unfitted scaler -> k-best features -> logistic regression pipeline."""
    # TODO
    raise NotImplementedError


def cv_accuracy(X, y, k, n_splits, seed):
    """Mean test accuracy over stratified folds, every step fitted on training folds only."""
    # TODO
    raise NotImplementedError
