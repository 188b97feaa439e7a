import {
  BrowserRouter,
  Routes,
  Route,
  Link,
  Outlet,
  useLocation,
  useNavigate,
  useNavigationType,
  useParams,
} from 'react-router';
window.x = [BrowserRouter, Routes, Route, Link, Outlet, useLocation, useNavigate, useNavigationType, useParams];
